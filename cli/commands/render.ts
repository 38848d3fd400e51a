import type { Command } from 'commander';
import YAML from 'yaml';
import type { ProviderRegistry } from '../../providers/provider.ts';
import type { EffectiveFeatures } from '../../proxy-tier/effective-features.ts';
import type { Cluster, Topology } from '../../schemas/topology.ts';
import type { StateResource } from '../../engine/state/state-format.ts';
import { effectiveFeatures } from '../../engine/features/effective-features.ts';
import { proxyTierConfig, type BackendAddress } from '../../proxy-tier/proxy-tier-config.ts';
import type { ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { closeWorkspace, workspaceOf } from '../../engine/plan/workspace.ts';
import { loadTopologyFile, type LoadResult } from '../../engine/topology/load-topology.ts';
import { formatDiagnostics } from '../../engine/topology/diagnostic.ts';
import { renderPgpoolFileSet } from '../../proxy/pgpool2/pgpool-file-set.ts';
import { sameHostDelivery } from '../../proxy-tier/same-host-delivery.ts';
import { kubernetesManifests, kubernetesManifestsYaml } from '../../providers/kubernetes/kubernetes-manifests.ts';

interface RenderOptions {
  cluster?: string;
  engine?: string;
  proxy: string;
  format: string;
}

export function register(program: Command, registry: ProviderRegistry): void {
  program
    .command('render')
    .description("print what a cluster's proxies get: the builtin proxy's config or Pgpool-II's files (secrets masked)")
    .argument('[file]', 'topology file', 'pgtopo.yaml')
    .option('--cluster <name>', 'the cluster whose proxy configuration to print (default: the only one)')
    .option('--engine <engine>', 'builtin or pgpool2 (default: the cluster\'s engine)')
    .option('--proxy <index>', 'which proxy instance of the cluster', '0')
    .option('--format <format>', 'proxy: the proxy\'s config files; kubernetes: the manifests pgtopo would apply (kubernetes clusters)', 'proxy')
    .action(async (file: string, options: RenderOptions) => {
      process.stdout.write(await renderCluster(file, options, registry));
    });
}

async function renderCluster(file: string, options: RenderOptions, registry: ProviderRegistry): Promise<string> {
  if (options.format !== 'proxy' && options.format !== 'kubernetes') throw new Error(`--format ${options.format}: expected proxy or kubernetes`);
  const loaded = await loadTopologyFile(file, registry);
  if (!loaded.ok) throw new Error(`${file} is not a valid topology:\n${formatDiagnostics(loaded.diagnostics)}`);
  const named = clusterOf(loaded.value.topology, file, options.cluster);
  if (named.cluster.environment === 'kubernetes' || options.format === 'kubernetes') return renderKubernetes(loaded.value.topology, named, options);
  return renderFromState(loaded, file, named.name, options, registry);
}

/** A local or AWS cluster's proxy config: as its provider applied it, else from the topology and state. */
async function renderFromState(loaded: LoadResult, file: string, clusterName: string, options: RenderOptions, registry: ProviderRegistry): Promise<string> {
  const workspace = await workspaceOf(loaded, file, registry);
  try {
    const { topology, dir } = workspace.loaded;
    const cluster = topology.clusters[clusterName]!;
    const engine = engineOf(options, cluster);
    const index = Number(options.proxy);
    if (!Number.isInteger(index) || index < 0) throw new Error(`--proxy ${options.proxy}: expected a proxy index (0, 1, …)`);
    const state = (await workspace.backend.read())?.resources ?? [];
    const applied = engine === 'builtin' && (cluster.proxy?.engine ?? 'builtin') === 'builtin'
      ? registry.forEnvironment(cluster.environment)?.appliedProxyConfig?.(clusterName, index, state) ?? null : null;
    if (applied) return renderApplied(clusterName, index, applied);
    const features = effectiveFeatures(clusterName, cluster);
    const proxy = cluster.proxy ?? {};
    const tier = proxyTierConfig({
      clusterName, cluster, features, users: cluster.users ?? topology.users ?? [], index, delivery: sameHostDelivery(dir),
      backends: backendsOf(registry, clusterName, cluster, features, state),
      listen: { host: '127.0.0.1', port: recordedPort(state, `${clusterName}.proxy[${index}]`) ?? (proxy.port ?? 6432) + index },
      metricsPort: proxy.metricsPort ? proxy.metricsPort + index : null,
    });
    if (engine === 'builtin') return renderBuiltin(tier, proxy.ha?.method === 'watchdog');
    const provider = registry.forEnvironment(cluster.environment);
    return renderPgpool(provider?.pgpoolTier?.({ topologyName: topology.name, topologyDir: dir, clusterName, index, tier, resources: state }) ?? tier);
  } finally {
    await closeWorkspace(workspace);
  }
}

/** Where each node runs, as the cluster's provider tells from state (placeholders before the first apply). */
function backendsOf(registry: ProviderRegistry, name: string, cluster: Cluster, features: EffectiveFeatures, state: StateResource[]): BackendAddress[] {
  const provider = registry.forEnvironment(cluster.environment);
  if (!provider?.backends) {
    throw new Error(`cluster ${name}: the ${provider?.name ?? cluster.environment} provider cannot tell where the backends run, so its proxy config cannot be rendered`);
  }
  return provider.backends(name, features, state);
}

function recordedPort(state: StateResource[], address: string): number | undefined {
  const port = state.find((resource) => resource.address === address)?.attributes.port;
  return typeof port === 'number' ? port : undefined;
}

/** The cluster `--cluster` names; without it, the topology's only cluster. */
function clusterOf(topology: Topology, file: string, name: string | undefined): { name: string; cluster: Cluster } {
  const names = Object.keys(topology.clusters);
  if (name === undefined) {
    if (names.length === 1) return { name: names[0]!, cluster: topology.clusters[names[0]!]! };
    throw new Error(`${file} has ${names.length} clusters: name one with --cluster (${names.join(', ')})`);
  }
  const cluster = topology.clusters[name];
  if (!cluster) throw new Error(`no cluster named "${name}" in ${file} (clusters: ${names.join(', ')})`);
  return { name, cluster };
}

function engineOf(options: RenderOptions, cluster: Cluster): 'builtin' | 'pgpool2' {
  const engine = options.engine ?? cluster.proxy?.engine ?? 'builtin';
  if (engine !== 'builtin' && engine !== 'pgpool2') throw new Error(`--engine ${engine}: expected builtin or pgpool2`);
  return engine;
}

/**
 * A kubernetes cluster's manifests, or with `--format proxy` the files of its ConfigMap: what an apply would send.
 * Needs no cluster access, so no provider is configured and no state read (the database as declared).
 */
function renderKubernetes(topology: Topology, named: { name: string; cluster: Cluster }, options: RenderOptions): string {
  const { name, cluster } = named;
  if (cluster.environment !== 'kubernetes') throw new Error(`--format kubernetes: cluster ${name} runs on ${cluster.environment}, not kubernetes`);
  const withEngine = { ...cluster, proxy: { ...cluster.proxy, engine: engineOf(options, cluster) } } as Cluster;
  const input = {
    topologyName: topology.name, clusterName: name, cluster: withEngine, features: effectiveFeatures(name, withEngine), users: withEngine.users ?? topology.users ?? [],
  };
  if (options.format === 'kubernetes') return kubernetesManifestsYaml(input);
  const configMap = kubernetesManifests(input).find((object) => object.kind === 'ConfigMap')!;
  const files = Object.entries((configMap.data ?? {}) as Record<string, string>).filter(([file]) => file !== 'tier.json');
  return files.map(([file, text]) => `==> ${file} (ConfigMap ${configMap.metadata?.name}) <==\n${text}`).join('\n');
}

/** Before the first apply (or from a provider that cannot say what runs): computed from the topology alone. */
function renderBuiltin(tier: ProxyTierConfig, watchdog: boolean): string {
  // Secrets in this document are { env } / { file } references, so nothing needs masking.
  const note = watchdog ? '# not applied yet: the watchdog\'s members, ports and key are what the provider gives them at apply\n' : '';
  return `# ${tier.cluster}.proxy[${tier.index}]: pgtopo proxy --config <this file>\n${note}${YAML.stringify(tier.config)}`;
}

/** The config the applied proxy runs with, as its provider recorded it; secrets are references ({ env }, { file }, { ssm }). */
function renderApplied(cluster: string, index: number, config: Record<string, unknown>): string {
  return `# ${cluster}.proxy[${index}] as applied: pgtopo proxy --config <this file>\n${YAML.stringify(config)}`;
}

function renderPgpool(tier: ProxyTierConfig): string {
  const files = renderPgpoolFileSet(tier, { runDir: '<run dir>', poolPasswdFile: '<dir>/pool_passwd', pcpPort: 0 }, null);
  return Object.entries(files).map(([name, text]) => `==> ${name} <==\n${text}`).join('\n');
}
