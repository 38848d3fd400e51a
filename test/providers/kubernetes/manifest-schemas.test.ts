// Every manifest the kubernetes provider generates, for the examples and for the engines and Service types they do
// not show, is valid against the official Kubernetes schemas, unknown fields included. The same objects are what
// an apply sends (objectToApply) and what `pgtopo render --format kubernetes` prints.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerRegistry } from '../../../cli/provider-registry.ts';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { loadTopologyFile } from '../../../engine/topology/load-topology.ts';
import { kubernetesManifests } from '../../../providers/kubernetes/kubernetes-manifests.ts';
import type { Cluster, Topology } from '../../../schemas/topology.ts';
const repoRoot = join(import.meta.dirname, '../../..');
import { schemaProblems } from './official-schemas.ts';

async function example(name: string): Promise<Topology> {
  const loaded = await loadTopologyFile(join(repoRoot, 'examples', name), providerRegistry({}));
  if (!loaded.ok) throw new Error(`${name} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.value.topology;
}

function manifestsOf(topology: Topology, change: (cluster: Cluster) => Cluster = (cluster) => cluster) {
  return Object.entries(topology.clusters).filter(([, cluster]) => cluster.environment === 'kubernetes').flatMap(([name, declared]) => {
    const cluster = change(declared);
    return kubernetesManifests({ topologyName: topology.name, clusterName: name, cluster, features: effectiveFeatures(name, cluster), users: cluster.users ?? topology.users ?? [] });
  });
}

describe('generated Kubernetes manifests', () => {
  it('are valid for examples/kubernetes.yaml and the kubernetes cluster of multi-environment.yaml', async () => {
    const manifests = [...manifestsOf(await example('kubernetes.yaml')), ...manifestsOf(await example('multi-environment.yaml'))];
    expect(manifests.map((manifest) => manifest.kind)).toContain('PodDisruptionBudget');
    expect(schemaProblems(manifests)).toEqual([]);
  });

  it('are valid with Pgpool-II and with a LoadBalancer Service', async () => {
    const topology = await example('kubernetes.yaml');
    const pgpool = manifestsOf(topology, (cluster) => ({ ...cluster, proxy: { ...cluster.proxy, engine: 'pgpool2', serviceType: 'LoadBalancer' } }) as Cluster);
    expect(JSON.stringify(pgpool)).toContain('pgpool.conf');
    expect(schemaProblems(pgpool)).toEqual([]);
  });

  it.each(['builtin', 'pgpool2'])('are valid with TLS files from Secrets (%s)', async (engine) => {
    const tls = { certSecret: 'app-proxy-tls', caSecret: 'app-db-ca', backend: 'verify-full' };
    const manifests = manifestsOf(await example('kubernetes.yaml'), (cluster) => ({ ...cluster, proxy: { ...cluster.proxy, engine, tls } }) as Cluster);
    expect(JSON.stringify(manifests)).toContain('/etc/pgtopo-secrets/app-db-ca/ca.crt');
    expect(schemaProblems(manifests)).toEqual([]);
  });

  it('would catch an unknown field and a wrong type', async () => {
    const [deployment] = manifestsOf(await example('kubernetes.yaml')).filter((manifest) => manifest.kind === 'Deployment');
    const broken = structuredClone(deployment!) as typeof deployment & { spec: { template: { spec: { containers: Record<string, unknown>[] } }; replicas: unknown } };
    broken.spec.template.spec.containers[0]!.livenesProbe = {};
    broken.spec.replicas = 'two';
    const problems = schemaProblems([broken]).join('\n');
    expect(problems).toContain('livenesProbe');
    expect(problems).toMatch(/replicas/);
  });
});
