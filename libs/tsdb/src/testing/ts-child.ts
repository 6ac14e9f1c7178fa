import { fileURLToPath } from 'node:url';

const hooks = new URL('./ts-hooks.ts', import.meta.url).href;

/**
 * The command line (node and its arguments) that runs `script`, a TypeScript file of this
 * directory, from source in a child process, with `args` after it.
 */
export function tsChildCommand(script: string, args: readonly string[]): string[] {
  return [
    process.execPath,
    '--experimental-transform-types',
    '--no-warnings',
    '--conditions=source',
    '--import',
    hooks,
    fileURLToPath(new URL(script, import.meta.url)),
    ...args,
  ];
}
