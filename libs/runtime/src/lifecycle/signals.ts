import { constants } from 'node:os';

// Kept free of relative imports and non-erasable syntax: the signal test's child process
// loads this file directly through Node's type stripping.

/** What onSignals calls; `onError` receives a rejected handler's error (default: stderr). */
export interface SignalHandlers {
  reload: () => Promise<void>;
  shutdown: (signal: string) => Promise<void>;
  onError?: (err: unknown) => void;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Routes SIGHUP to `reload` and the first SIGTERM/SIGINT to `shutdown`; a second
 * SIGTERM/SIGINT while shutting down exits at once with 128 + the signal number. A
 * rejected shutdown sets exit code 1. Returns a function that removes the listeners.
 */
export function onSignals(handlers: SignalHandlers): () => void {
  const report =
    handlers.onError ??
    ((err: unknown) => process.stderr.write(`signal handler failed: ${String(err)}\n`));
  let shuttingDown = false;
  const onHup = (): void => {
    Promise.resolve()
      .then(() => handlers.reload())
      .catch(report);
  };
  const onStop = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      process.exit(128 + constants.signals[signal]);
    }
    shuttingDown = true;
    Promise.resolve(signal)
      .then((s) => handlers.shutdown(s))
      .catch((err: unknown) => {
        process.exitCode = 1;
        report(err);
      });
  };
  process.on('SIGHUP', onHup);
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onStop);
  return () => {
    process.off('SIGHUP', onHup);
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, onStop);
  };
}
