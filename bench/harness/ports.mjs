// Loopback ports for the processes the benchmarks start. A port is free when we could
// bind it a moment ago; callers retry when a child then fails to bind it anyway.
import { createServer } from 'node:net';

/** Whether 127.0.0.1:`port` can be bound now (`0`: any port; resolves the bound port). */
function tryBind(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const bound = srv.address().port;
      srv.close(() => resolve(bound));
    });
  });
}

/** A free port on 127.0.0.1 chosen by the kernel. */
export async function freePort() {
  const port = await tryBind(0);
  if (port === undefined) throw new Error('cannot bind any port on 127.0.0.1');
  return port;
}

/**
 * The first of `count` consecutive free ports on 127.0.0.1, below Linux's ephemeral
 * range (32768+) so the kernel does not hand them to outgoing connections meanwhile.
 */
export async function freePortRange(count) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * (12_000 - count));
    let ok = true;
    for (let p = first; p < first + count && ok; p++) ok = (await tryBind(p)) !== undefined;
    if (ok) return first;
  }
  throw new Error(`cannot find ${count} consecutive free ports on 127.0.0.1`);
}
