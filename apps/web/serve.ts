/**
 * The web server `npm start` runs: Next's request handler behind a plain Node HTTP server that
 * enforces what no route may forget (issue #9):
 * - the client's socket address is stamped into `x-linli-peer`, replacing anything the client
 *   sent, so throttling and the audit log never trust a client-written X-Forwarded-For;
 * - request bodies are bounded per path (`@linli/api/http-limits`) before Next reads a byte;
 * - connections and header sizes are bounded.
 * Usage: `node --import tsx serve.ts [--dev]` with PORT and HOST (the start script does this).
 */
import { createServer } from 'node:http';
import next from 'next';
import { PEER_HEADER } from '@linli/api/client-address';
import { judgeBody } from '@linli/api/http-limits';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
if (!dev) (process.env as Record<string, string>).NODE_ENV = 'production';

/** Bodies over their limit but below this are drained before the refusal is sent. */
const DRAIN_AT_MOST = 64 * 1024 * 1024;

const app = next({ dev, dir: import.meta.dirname, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer({ maxHeaderSize: 32 * 1024 }, (req, res) => {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
  const pathname = (req.url ?? '/').split('?')[0]!;
  const verdict = judgeBody(req.method ?? 'GET', pathname, req.headers as { 'content-length'?: string; 'transfer-encoding'?: string });
  if (!verdict.ok) {
    const send = () => {
      res.writeHead(verdict.status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(JSON.stringify({ error: { code: verdict.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'LENGTH_REQUIRED', zh: verdict.zh, en: verdict.en } }));
    };
    // A modest overage is read and thrown away (no buffering), so a client that writes its whole
    // body before reading still gets the answer; a huge one is answered at once and cut off.
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared <= DRAIN_AT_MOST) {
      req.on('end', send).on('error', () => res.destroy()).resume();
    } else {
      send();
    }
    return;
  }
  void handle(req, res);
});
server.maxConnections = Number(process.env.LINLI_MAX_CONNECTIONS ?? 2000);
// A client that trickles its headers or body must not hold a connection for ever.
server.headersTimeout = 20_000;
server.requestTimeout = 120_000;
const upgrade = (app as unknown as { getUpgradeHandler?: () => (req: unknown, socket: unknown, head: unknown) => void }).getUpgradeHandler?.();
if (upgrade) server.on('upgrade', (req, socket, head) => upgrade(req, socket, head));
server.listen(port, hostname, () => {
  console.log(`▲ Ready on http://${hostname}:${port}${dev ? ' (dev)' : ''}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
