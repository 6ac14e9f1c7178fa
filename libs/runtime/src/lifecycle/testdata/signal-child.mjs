// Child process for signals.test.ts: registers onSignals and narrates on stdout.
// Modes: "normal" (shutdown finishes and the process exits on its own),
// "hang" (shutdown never finishes), "unregister" (listeners removed right away).
import { clearInterval, setInterval } from 'node:timers';
import { onSignals } from '../signals.ts';

const mode = process.argv[2] ?? 'normal';
const say = (line) => process.stdout.write(`${line}\n`);
const keepAlive = setInterval(() => undefined, 60_000);
let reloads = 0;

const unregister = onSignals({
  reload: async () => {
    reloads++;
    say(`reload ${reloads}`);
    if (reloads === 2) throw new Error('second reload fails');
  },
  shutdown: async (signal) => {
    say(`shutdown ${signal}`);
    if (mode === 'hang') return new Promise(() => undefined);
    unregister();
    clearInterval(keepAlive);
  },
  onError: (err) => say(`error ${err.message}`),
});
if (mode === 'unregister') unregister();
say('ready');
