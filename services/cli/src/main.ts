#!/usr/bin/env node
import type { Command } from './command.js';
import { allCommand } from './commands/all.js';
import { discoveryCommand } from './commands/discovery.js';
import { queryCommand } from './commands/query.js';
import { scraperCommand } from './commands/scraper.js';
import { storageCommand } from './commands/storage.js';
import { runCommand } from './run.js';

const commands: readonly Command[] = [
  discoveryCommand,
  scraperCommand,
  storageCommand,
  queryCommand,
  allCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'usage: promethium <command> [<flags>]',
    '',
    'A Prometheus-compatible monitoring system. Each command runs one service;',
    '`all` runs every service in one process.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.description}`),
    '',
    'Run `promethium <command> --help` for the flags of a command.',
    '',
  ].join('\n');
}

const [name, ...argv] = process.argv.slice(2);
const command = commands.find((c) => c.name === name);
if (command === undefined) {
  const help = name === undefined || name === '--help' || name === '-h' || name === 'help';
  (help ? process.stdout : process.stderr).write(
    help ? usage() : `promethium: error: unknown command ${JSON.stringify(name)}\n\n${usage()}`,
  );
  process.exitCode = help ? 0 : 2;
} else {
  const code = await runCommand(command, argv);
  if (code !== 'running') process.exit(code);
}
