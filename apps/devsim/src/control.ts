import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SCENARIOS, ScenarioError, type ScenarioRequest } from './scenarios';
import type { Simulator } from './simulator';

const MAX_BODY = 16 * 1024;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new ScenarioError(413, 'body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/**
 * The control server, on loopback only: GET / (status), POST /scenario (faults on demand).
 * It can start fires and open barriers in the demo, so it never listens beyond this machine.
 */
export async function startControlServer(sim: Simulator, port: number, host = '127.0.0.1'): Promise<Server & { url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (req.method === 'GET' && path === '/') return send(res, 200, sim.status());
        if (req.method === 'GET' && path === '/scenario') {
          return send(res, 200, { scenarios: SCENARIOS, example: { tenant: 'moma', scenario: 'fire', building: 'B03' }, fields: ['tenant', 'scenario', 'building?', 'device?', 'durationSeconds?'] });
        }
        if (req.method === 'POST' && path === '/scenario') {
          let body: ScenarioRequest;
          try {
            body = JSON.parse(await readBody(req)) as ScenarioRequest;
          } catch (e) {
            if (e instanceof ScenarioError) throw e;
            throw new ScenarioError(400, 'body is not JSON');
          }
          return send(res, 200, await sim.scenario(body));
        }
        send(res, 404, { error: 'GET / or POST /scenario' });
      } catch (e) {
        if (e instanceof ScenarioError) return send(res, e.status, { error: e.message });
        send(res, 500, { error: (e as Error).message });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return Object.assign(server, { url: `http://${host}:${actual}` });
}
