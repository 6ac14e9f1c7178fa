import { startDiscovery } from '@promethium/discovery-service';
import type { Command } from '../command.js';

/** `promethium discovery`: publishes every job's targets. */
export const discoveryCommand: Command = {
  name: 'discovery',
  description: "Runs service discovery and publishes each job's target groups on the bus.",
  flags: [],
  listenAddress: '0.0.0.0:9095',
  usesConfig: true,
  usesNats: true,
  async start({ bus, config, logger, registry }) {
    const service = await startDiscovery({ bus: bus!, config: config!, logger, registry });
    return {
      reload: async (next) => service.reload(next),
      stop: () => service.stop(),
    };
  },
};
