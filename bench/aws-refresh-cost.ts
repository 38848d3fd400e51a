// The aws provider's refresh cost: plans of 1, 10 and 100 clusters in one region against the in-memory AWS world
// (test/providers/aws/world), counting the AWS API calls by IAM action. The count depends on the resource types
// (and paging: 100 objects per RDS page), not on the number of clusters: every type is read once per region.
// Prints JSON on stdout and a readable table on stderr. Beside bench/plan-benchmark.ts (the engine's 1,000-cluster
// plan over the simulated provider).
// Usage: npx node bench/aws-refresh-cost.ts [--clusters 100]
import { awsProvider } from '../providers/aws/aws-provider.ts';
import { ProviderRegistry, topologyIdentity } from '../providers/provider.ts';
import { buildPlan } from '../engine/plan/build-plan.ts';
import { SecretResolver } from '../engine/plan/secret-resolver.ts';
import { newDigestKey } from '../engine/state/secret-digest.ts';
import type { Cluster, Topology } from '../schemas/topology.ts';
import { installAwsWorld, type AwsWorld } from '../test/providers/aws/world/aws-world.ts';

const REGION = 'ap-northeast-1';
type Shape = 'aurora' | 'aurora-instances' | 'rds' | 'ec2';

function cluster(shape: Shape, index: number): Cluster {
  const id = `db${String(index).padStart(4, '0')}`;
  const proxy = { subnets: ['subnet-0a1b'] as [string] };
  switch (shape) {
    case 'aurora': return { environment: 'aurora', region: REGION, dbCluster: id, proxy };
    case 'aurora-instances': return { environment: 'aurora', region: REGION, dbCluster: id, backends: { readers: 'instances' }, proxy };
    case 'rds': return { environment: 'rds', region: REGION, dbInstance: id, proxy };
    case 'ec2': return { environment: 'ec2', region: REGION, backends: { discover: { tags: { 'pgtopo-cluster': id } } }, proxy };
  }
}

function seed(world: AwsWorld, shape: Shape, index: number): void {
  world.ec2ProxyTier.addSubnet(REGION, 'subnet-0a1b'); // the proxies' subnet, read like any other resource
  const id = `db${String(index).padStart(4, '0')}`;
  if (shape === 'rds') world.rds.addRdsInstance(REGION, { id, readReplicas: 1 });
  else if (shape === 'ec2') world.ec2.addInstance(REGION, { tags: { 'pgtopo-cluster': id } });
  else world.rds.addAuroraCluster(REGION, { id, instances: 2 });
}

async function callsOfPlan(shape: Shape, clusters: number): Promise<{ calls: Record<string, number>; total: number; seconds: number }> {
  const world = installAwsWorld();
  const provider = awsProvider();
  try {
    for (let index = 0; index < clusters; index++) seed(world, shape, index);
    const topology: Topology = {
      version: 1, name: 'bench', users: [{ name: 'app', auth: 'trust' }],
      clusters: Object.fromEntries(Array.from({ length: clusters }, (_, index) => [`c${index}`, cluster(shape, index)])),
    };
    const context = { topology: topologyIdentity('bench'), signal: new AbortController().signal, note: () => {} };
    await provider.configure({ topologyDir: process.cwd(), env: process.env, clusters: Object.entries(topology.clusters).map(([name, c]) => ({ name, cluster: c })) }, context);
    const started = performance.now();
    await buildPlan({
      topology, topologyFile: 'bench.yaml', topologyHash: 'bench', registry: new ProviderRegistry([provider]), storedState: null,
      digestKey: newDigestKey(), secrets: new SecretResolver(process.cwd()), mode: 'apply', parallelism: 10,
    });
    const seconds = (performance.now() - started) / 1000;
    const calls = world.log.counts();
    return { calls, total: Object.values(calls).reduce((sum, count) => sum + count, 0), seconds };
  } finally {
    await provider.close();
    world.restore();
  }
}

function clusterCounts(): number[] {
  const index = process.argv.indexOf('--clusters');
  return index > 0 ? [Number(process.argv[index + 1])] : [1, 10, 100];
}

const runs: Record<string, Record<number, Awaited<ReturnType<typeof callsOfPlan>>>> = {};
for (const shape of ['aurora', 'aurora-instances', 'rds', 'ec2'] as const) {
  runs[shape] = {};
  for (const clusters of clusterCounts()) {
    const result = await callsOfPlan(shape, clusters);
    runs[shape][clusters] = result;
    process.stderr.write(`${shape.padEnd(16)} ${String(clusters).padStart(4)} clusters: ${String(result.total).padStart(3)} API calls ` +
      `${JSON.stringify(result.calls)} (plan ${result.seconds.toFixed(2)} s)\n`);
  }
}
process.stdout.write(`${JSON.stringify({ benchmark: 'pgtopo-aws-refresh-cost', node: process.version, region: REGION, runs }, null, 2)}\n`);
