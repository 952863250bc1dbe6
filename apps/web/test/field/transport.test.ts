import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { isSignedOut } from '../../src/field/sync/transport';

describe('isSignedOut', () => {
  // Issue #10: RxDB hands errors over as plain objects (errorToPlainJson), never as TRPCClientError.
  it('recognises an ended session from the tRPC error and from a plain copy of it', () => {
    const shape = { message: 'UNAUTHORIZED', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } };
    expect(isSignedOut(TRPCClientError.from({ error: shape } as never))).toBe(true);
    expect(isSignedOut({ name: 'TRPCClientError', message: 'x', data: { httpStatus: 401 } })).toBe(true);
    expect(isSignedOut({ name: 'TRPCClientError', message: 'x', data: { code: 'FORBIDDEN', httpStatus: 403 } })).toBe(false);
    expect(isSignedOut(new Error('Failed to fetch'))).toBe(false);
    expect(isSignedOut(null)).toBe(false);
  });
});
