/**
 * The field app's line to the server: tRPC `field.pull`/`field.push` over plain HTTP (no
 * batching: a page of 1,000 documents is one request) and `field.stream` over SSE. Typed by the
 * shared wire contract rather than the router, so the tablet code depends on the contract only.
 */
import { createTRPCUntypedClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import superjson from 'superjson';
import type { PullInput, PullOutput, PushBatch, PushOutput, StreamEvent } from '@linli/sync';

export interface StreamHandlers {
  onEvent: (event: StreamEvent) => void;
  onError: (error: unknown) => void;
}

export interface FieldTransport {
  pull(input: PullInput): Promise<PullOutput>;
  push(batch: PushBatch): Promise<PushOutput>;
  /** Opens the change stream; the returned function closes it. */
  stream(handlers: StreamHandlers): () => void;
}

export function createFieldTransport(baseUrl = '/api/trpc'): FieldTransport {
  const client = createTRPCUntypedClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: baseUrl, transformer: superjson }),
        false: httpLink({ url: baseUrl, transformer: superjson }),
      }),
    ],
  });
  return {
    pull: (input) => client.query('field.pull', input) as Promise<PullOutput>,
    push: (batch) => client.mutation('field.push', batch) as Promise<PushOutput>,
    stream: ({ onEvent, onError }) => {
      const sub = client.subscription('field.stream', undefined, {
        onData: (data: unknown) => onEvent(data as StreamEvent),
        onError,
      });
      return () => sub.unsubscribe();
    },
  };
}

/**
 * True when the server says the session is gone (signed out or expired). Reads the error's
 * `data` as tRPC sends it rather than its class, so a copy of the error (RxDB's error$ hands
 * over plain objects) is judged the same way.
 */
export function isSignedOut(error: unknown): boolean {
  const data = (error as { data?: { httpStatus?: unknown; code?: unknown } } | null | undefined)?.data;
  return data?.httpStatus === 401 || data?.code === 'UNAUTHORIZED';
}
