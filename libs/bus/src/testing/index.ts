export { startNatsServer, type NatsServerHandle, type NatsServerOptions } from './nats-server.js';
export { createTestCertificates, type TestCertificates } from './tls-certs.js';
export { createOperatorSetup, type OperatorSetup } from './operator-jwt.js';
