import { createServer } from 'node:http';
import type { Server } from 'node:http';

/** A scrape target serving a fixed Prometheus text body on /metrics. */
export interface TestTarget {
  readonly address: string;
  /** Replaces what /metrics serves from now on. */
  setBody(body: string): void;
  close(): Promise<void>;
}

/** Starts a target on 127.0.0.1 with an ephemeral port. */
export async function startTarget(body: string): Promise<TestTarget> {
  let current = body;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(current);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    setBody: (b) => (current = b),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
