import type { FlagSpec } from './spec.js';

/**
 * Flags every Promethium service accepts, named as Prometheus names them. Services
 * append their own and adjust defaults (the listen port differs) with `withDefaults`.
 */
export const commonFlags: readonly FlagSpec[] = [
  {
    name: 'config.file',
    type: 'string',
    default: 'prometheus.yml',
    placeholder: '<file>',
    help: 'Configuration file path.',
  },
  {
    name: 'web.listen-address',
    type: 'string',
    default: '0.0.0.0:9090',
    placeholder: '<address>',
    help: 'Address to listen on for the API and telemetry; ":port" listens on every interface.',
  },
  {
    name: 'web.config.file',
    type: 'string',
    placeholder: '<file>',
    help: 'Path to a web configuration file that can enable TLS or basic authentication.',
  },
  {
    name: 'log.level',
    type: 'string',
    default: 'info',
    choices: ['debug', 'info', 'warn', 'error'],
    help: 'Only log messages with the given severity or above.',
  },
  {
    name: 'log.format',
    type: 'string',
    default: 'logfmt',
    choices: ['logfmt', 'json'],
    help: 'Output format of log messages.',
  },
  {
    name: 'nats.url',
    type: 'string',
    default: 'nats://127.0.0.1:4222',
    placeholder: '<url>',
    help: 'NATS server URL; several may be given comma-separated.',
  },
  { name: 'nats.user', type: 'string', placeholder: '<user>', help: 'NATS user name.' },
  { name: 'nats.password', type: 'string', placeholder: '<password>', help: 'NATS password.' },
  {
    name: 'nats.token',
    type: 'string',
    placeholder: '<token>',
    help: 'NATS authentication token.',
  },
  {
    name: 'nats.nkey-seed-file',
    type: 'string',
    placeholder: '<file>',
    help: 'File holding an NKey seed used to authenticate to NATS.',
  },
  {
    name: 'nats.creds-file',
    type: 'string',
    placeholder: '<file>',
    help: 'NATS credentials file (JWT and NKey seed).',
  },
  {
    name: 'nats.tls.ca-file',
    type: 'string',
    placeholder: '<file>',
    help: 'CA certificate file used to verify the NATS server.',
  },
  {
    name: 'nats.tls.cert-file',
    type: 'string',
    placeholder: '<file>',
    help: 'Client certificate file presented to the NATS server.',
  },
  {
    name: 'nats.tls.key-file',
    type: 'string',
    placeholder: '<file>',
    help: 'Private key file of the NATS client certificate.',
  },
];
