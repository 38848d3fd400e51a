// The providers the CLI uses, by environment: built once where the program starts and passed down to every
// command (the engine has no registry of its own). Each provider issue adds its line here.
// PGTOPO_SIMULATE=<world.json> puts the simulated provider behind every environment: try pgtopo (and test it
// end to end) without any infrastructure.
import { ProviderRegistry } from '../providers/provider.ts';
import { simulatedProvider } from '../providers/simulated/simulated-provider.ts';
import { localProvider } from '../providers/local/local-provider.ts';
import { awsProvider } from '../providers/aws/aws-provider.ts';
import { kubernetesProvider } from '../providers/kubernetes/kubernetes-provider.ts';

const ALL_ENVIRONMENTS = ['local', 'ec2', 'rds', 'aurora', 'kubernetes'];

export function providerRegistry(env: NodeJS.ProcessEnv = process.env): ProviderRegistry {
  if (env.PGTOPO_SIMULATE) return new ProviderRegistry([simulatedProvider(env.PGTOPO_SIMULATE, ALL_ENVIRONMENTS)]);
  return new ProviderRegistry([localProvider(), awsProvider(), kubernetesProvider()]);
}
