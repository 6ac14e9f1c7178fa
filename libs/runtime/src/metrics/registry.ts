import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { VERSION } from '../version.js';

/**
 * A fresh prom-client Registry holding the process_* and nodejs_* default metrics and
 * `promethium_build_info{service,version} 1`, as Prometheus exposes prometheus_build_info.
 */
export function createRegistry(service: string, version: string = VERSION): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const info = new Gauge({
    name: 'promethium_build_info',
    help: 'A metric with a constant 1 value labeled by the service and version it was built from.',
    labelNames: ['service', 'version', 'nodeversion'] as const,
    registers: [registry],
  });
  info.set({ service, version, nodeversion: process.version }, 1);
  return registry;
}
