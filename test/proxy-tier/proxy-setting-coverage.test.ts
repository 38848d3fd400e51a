// No proxy setting of a topology is dropped silently: for every key of the topology schema under `proxy` (the
// list comes from the schema, so a new key without a row fails here), each engine either renders it — the
// builtin proxy's document or the Pgpool-II files differ from the render without it — or rejects it with an error
// or warning at the key's line and column, or a named part of pgtopo consumes it (placement, the proxy count).
// And setting a key to the schema's documented default renders the same as leaving it out, so the schema, the
// renderer and the proxy's defaults (proxy/config/proxy-defaults.ts) cannot disagree. On ec2, rds and aurora the
// tier is rendered with the AWS provider's secret delivery, on kubernetes with the kubernetes provider's, and Pgpool-II's files from what its proxy instance reads
// back from SSM (the document of providers/aws/proxy-tier/pgpool-config-document.ts), so that trip drops nothing.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Diagnostic } from '../../engine/topology/diagnostic.ts';
import { providerRegistry } from '../../cli/provider-registry.ts';
import { parseTopology } from '../../engine/topology/load-topology.ts';
import { effectiveFeatures } from '../../engine/features/effective-features.ts';
import type { EffectiveFeatures } from '../../proxy-tier/effective-features.ts';
import { proxyTierConfig } from '../../proxy-tier/proxy-tier-config.ts';
import type { ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { tlsBackendMode, tlsClientMode } from '../../proxy/config/proxy-defaults.ts';
import { renderPgpoolFileSet } from '../../proxy/pgpool2/pgpool-file-set.ts';
import { parseProxyConfig } from '../../proxy/proxy-config.ts';
import { routerConfigFrom } from '../../proxy/router/router-config-document.ts';
import type { Cluster, Topology } from '../../schemas/topology.ts';
import { proxyTopologyKeys } from './proxy-topology-keys.ts';
import { sameHostDelivery } from '../../proxy-tier/same-host-delivery.ts';
import type { Environment } from '../../proxy-tier/effective-features.ts';
import { ssmSecretDelivery } from '../../providers/aws/proxy-tier/ssm-secret-delivery.ts';
import { secretKeyDelivery } from '../../providers/kubernetes/secret-key-delivery.ts';
import { pgpoolDocument, tierFromPgpoolDocument } from '../../providers/aws/proxy-tier/pgpool-config-document.ts';

type Engine = 'builtin' | 'pgpool2';

/**
 * What a key does for one engine: `renders` (the output differs), `error`/`warning` (a diagnostic at the key),
 * or `consumed` by a part of pgtopo other than the two renderers, with a check that it is.
 */
type Effect = 'renders' | 'error' | 'warning' | { consumed: string; check: (rendered: RenderedTier, sample: unknown) => void };

interface Row {
  sample: unknown;
  /** A sample for Pgpool-II when the builtin one is what Pgpool-II does anyway. */
  pgpool2Sample?: unknown;
  /** Settings the sample needs to have an effect (two proxies for a coordinator), in both renders. */
  with?: Record<string, unknown>;
  /** Keys that only go together with this one (a certificate and its key), added with it. */
  partner?: Record<string, unknown>;
  builtin: Effect;
  pgpool2: Effect;
  /** Where the row is checked; default: a local, an ec2 and a kubernetes cluster. */
  environments?: Environment[];
  /** What differs in an environment, or in every managed one (rds, aurora, kubernetes): its defaults, what it refuses. */
  on?: Partial<Record<Environment | 'managed', { sample?: unknown; with?: Record<string, unknown> } & Partial<Record<Engine, Effect>>>>;
}

const MANAGED: readonly Environment[] = ['rds', 'aurora', 'kubernetes'];

/** Samples name a standby as STANDBY: each environment calls its nodes differently. */
const STANDBY: Record<Environment, string> = { local: 'pg1', ec2: 'pg1', rds: 'reader', aurora: 'reader', kubernetes: 'replica' };

function inEnvironment(sample: unknown, environment: Environment): unknown {
  return sample === undefined ? undefined : JSON.parse(JSON.stringify(sample).replaceAll('"STANDBY"', JSON.stringify(STANDBY[environment]))) as unknown;
}

const bothRender = { builtin: 'renders', pgpool2: 'renders' } as const;
const builtinOnly = { builtin: 'renders', pgpool2: 'warning' } as const;
const needsPgpool44 = { builtin: 'renders', pgpool2: 'error' } as const;
// Where AWS or an operator owns HA, health checks and failover are off and cannot be switched on: their tuning is
// warned about. Aurora and kubernetes measure no lag by default, so a lag limit is warned about there too.
const switchedOff = { builtin: 'warning', pgpool2: 'warning' } as const;
const refused = { builtin: 'error', pgpool2: 'error' } as const;
const placement = (environment: Environment, sample: unknown): Row => {
  const consumed = { consumed: `the ${environment} provider's placement of the proxies (issues 14–16), not the proxy config`, check: () => undefined };
  return { sample, builtin: consumed, pgpool2: consumed, environments: [environment] };
};
// Proxy HA on ec2 is the ec2 provider's placement (issue 14), which does not exist yet: these rows are local only.
const notOnLocal = (sample: unknown): Row => ({ sample, with: { ha: { method: 'none' } }, builtin: 'error', pgpool2: 'error', environments: ['local'] });
// The builtin proxy runs the watchdog (proxy/watchdog); the Pgpool-II watchdog is not rendered for local yet.
const watchdogRow = (sample: unknown, partner: Record<string, unknown>): Row => ({
  sample, partner, with: { instances: 3 }, builtin: 'renders', pgpool2: 'warning', environments: ['local'],
});
const VIP = { type: 'ip', address: '10.0.0.5', interface: 'eth0' };
const AWS: readonly Environment[] = ['ec2', 'rds', 'aurora'];
const CUSTOM_AMI = 'ami-0a1b2c3d';
const TLS_FILES = { certFile: '/etc/pgtopo/tls/cert.pem', keyFile: '/etc/pgtopo/tls/key.pem', caFile: '/etc/pgtopo/tls/ca.pem' };
const ON_CUSTOM_AMI = Object.fromEntries(AWS.map((environment) => [environment, { with: { ami: CUSTOM_AMI } }]));
const TLS_PARAMETERS = { certParameter: '/shop/tls/cert', keyParameter: '/shop/tls/key', caParameter: '/shop/tls/ca' };
const ON_AWS = Object.fromEntries(AWS.map((environment) => [environment, bothRender]));

const ROWS: Record<string, Row> = {
  engine: {
    sample: 'pgpool2',
    builtin: { consumed: 'the choice of renderer and process (providers/local/proxy-files.ts)', check: ({ tier }) => expect(tier.engine).toBe('pgpool2') },
    pgpool2: { consumed: 'the choice of renderer and process', check: ({ tier }) => expect(tier.engine).toBe('pgpool2') },
  },
  instances: {
    sample: 3,
    builtin: { consumed: 'the provider, which runs proxyInstances proxies, each rendered with its index', check: ({ features }) => expect(features.proxyInstances.value).toBe(3) },
    pgpool2: { consumed: 'the provider, as for the builtin engine', check: ({ features }) => expect(features.proxyInstances.value).toBe(3) },
  },
  port: { sample: 7432, ...bothRender },
  metricsPort: { sample: 9500, builtin: 'renders', pgpool2: 'warning' },
  'pooling.enabled': { sample: false, ...bothRender },
  'pooling.mode': { sample: 'session', pgpool2Sample: 'transaction', builtin: 'renders', pgpool2: 'warning' },
  'pooling.poolSize': { sample: 7, ...bothRender },
  'pooling.maxClientConnections': { sample: 50, ...builtinOnly },
  'pooling.maxPools': { sample: 50, ...builtinOnly },
  'pooling.maxServerConnections': { sample: 50, ...builtinOnly },
  'pooling.queueTimeout': { sample: '3s', ...builtinOnly },
  'pooling.serverIdleTimeout': { sample: '1m', ...builtinOnly },
  'pooling.serverLifetime': { sample: '2h', ...bothRender },
  'pooling.clientIdleTimeout': { sample: '5m', ...bothRender },
  'loadBalancing.enabled': { sample: false, ...bothRender },
  'loadBalancing.weights': { sample: { STANDBY: 3 }, ...bothRender },
  'loadBalancing.disableLoadBalanceOnWrite': { sample: 'always', ...bothRender },
  'loadBalancing.dmlAdaptiveDependencies': { sample: { orders: ['order_lines'] }, ...bothRender },
  'loadBalancing.writeFunctions': { sample: ['nextval'], ...bothRender },
  'loadBalancing.readOnlyFunctions': { sample: ['now'], ...bothRender },
  'loadBalancing.primaryRoutingPatterns': { sample: ['FOR UPDATE'], ...bothRender },
  'loadBalancing.statementLevelLoadBalance': { sample: true, ...bothRender },
  'loadBalancing.redirect.applicationName': { sample: [{ pattern: 'bi', target: 'standby' }], ...bothRender },
  'loadBalancing.redirect.database': { sample: [{ pattern: 'reports', target: 'standby' }], ...bothRender },
  'loadBalancing.redirect.user': { sample: [{ pattern: 'analyst', target: 'standby' }], ...needsPgpool44 },
  'loadBalancing.delayThreshold': { sample: '1MB', ...bothRender, on: { aurora: switchedOff, kubernetes: switchedOff } },
  'loadBalancing.delayThresholdByTime': { sample: '2s', ...needsPgpool44, on: { aurora: { builtin: 'warning' }, kubernetes: { builtin: 'warning' } } },
  'loadBalancing.preferLowerDelayStandby': { sample: true, ...bothRender },
  'healthCheck.period': { sample: '2s', ...bothRender, on: { managed: switchedOff } },
  'healthCheck.timeout': { sample: '2s', ...bothRender, on: { managed: switchedOff } },
  'healthCheck.retries': { sample: 5, ...bothRender, on: { managed: switchedOff } },
  'healthCheck.retryDelay': { sample: '3s', ...bothRender, on: { managed: switchedOff } },
  'healthCheck.enabled': { sample: false, ...bothRender, on: { managed: { sample: true, ...refused } } },
  'healthCheck.nodes': { sample: { STANDBY: { period: '30s' } }, ...bothRender, on: { managed: switchedOff } },
  'failover.enabled': { sample: false, ...bothRender, on: { managed: { sample: true, ...refused } } },
  'failover.onBackendError': { sample: true, ...bothRender, on: { managed: refused } },
  'failover.priority': {
    sample: { STANDBY: 5 },
    builtin: 'renders',
    pgpool2: {
      consumed: "pgtopo's failover script, which the local provider writes for Pgpool-II (providers/local/pgpool-failover.ts)",
      check: ({ tier }, sample) => expect(tier.failover.priority).toEqual(sample),
    },
    on: { ec2: { pgpool2: 'error' }, managed: { builtin: 'warning', pgpool2: 'error' } },
  },
  'failover.coordinator': { sample: 1, with: { instances: 2, failover: { failoverCommand: 'true %d' } }, ...bothRender, on: { managed: switchedOff } },
  'failover.failoverCommand': { sample: 'echo %d', ...bothRender, on: { managed: switchedOff } },
  'failover.followPrimaryCommand': { sample: 'echo %d', ...bothRender, on: { managed: switchedOff } },
  'replicationCheck.enabled': { sample: false, ...bothRender, on: { aurora: { sample: true, ...refused }, kubernetes: { sample: true } } },
  'replicationCheck.period': { sample: '3s', ...bothRender, on: { aurora: switchedOff, kubernetes: switchedOff } },
  'monitor.name': { sample: 'watcher', ...bothRender },
  'monitor.password': {
    sample: { fromEnv: 'MONITOR_PASSWORD' }, with: { monitor: { name: 'watcher' } }, ...bothRender,
    on: { kubernetes: { sample: { fromSecret: { name: 'app-db-monitor', key: 'password' } } } },
  },
  // A local tier runs the builtin proxy's watchdog (proxy-ha-rules.ts); a load balancer is refused.
  'ha.method': watchdogRow('watchdog', { 'ha.vip': VIP }),
  'ha.vip': watchdogRow(VIP, { 'ha.method': 'watchdog' }),
  'ha.nlb.scheme': notOnLocal('internal'),
  'ha.nlb.crossZone': notOnLocal(false),
  'ha.autoScaling.minSize': notOnLocal(1),
  'ha.autoScaling.maxSize': notOnLocal(2),
  // Proxy pods read TLS files from Secrets (certSecret, caSecret), which exist only on kubernetes; EC2 instances
  // read them where their AMI puts them (absolute paths, a custom `ami`).
  'tls.certFile': { sample: TLS_FILES.certFile, partner: { 'tls.keyFile': TLS_FILES.keyFile }, ...bothRender, on: { kubernetes: refused, ...ON_CUSTOM_AMI } },
  'tls.keyFile': { sample: TLS_FILES.keyFile, partner: { 'tls.certFile': TLS_FILES.certFile }, ...bothRender, on: { kubernetes: refused, ...ON_CUSTOM_AMI } },
  'tls.caFile': { sample: TLS_FILES.caFile, ...bothRender, on: { kubernetes: refused, ...ON_CUSTOM_AMI } },
  // SSM parameters reach only proxies on AWS, whatever their AMI.
  'tls.certParameter': { sample: TLS_PARAMETERS.certParameter, partner: { 'tls.keyParameter': TLS_PARAMETERS.keyParameter }, ...refused, on: ON_AWS },
  'tls.keyParameter': { sample: TLS_PARAMETERS.keyParameter, partner: { 'tls.certParameter': TLS_PARAMETERS.certParameter }, ...refused, on: ON_AWS },
  'tls.caParameter': { sample: TLS_PARAMETERS.caParameter, ...refused, on: ON_AWS },
  'tls.certSecret': { sample: 'proxy-tls', ...refused, on: { kubernetes: bothRender } },
  'tls.caSecret': { sample: 'app-db-ca', ...refused, on: { kubernetes: bothRender } },
  'tls.client': {
    sample: 'require', with: { tls: { certFile: TLS_FILES.certFile, keyFile: TLS_FILES.keyFile } }, ...bothRender,
    on: {
      kubernetes: { with: { tls: { certSecret: 'proxy-tls' } } },
      ...Object.fromEntries(AWS.map((environment) => [environment, { with: { ami: CUSTOM_AMI, tls: { certFile: TLS_FILES.certFile, keyFile: TLS_FILES.keyFile } } }])),
    },
  },
  'tls.backend': { sample: 'disable', ...bothRender },
  hba: { sample: [{ type: 'host', address: '10.0.0.0/8', method: 'md5' }], ...bothRender },
  logLevel: { sample: 'debug', ...bothRender },
  workers: { sample: 2, builtin: 'renders', pgpool2: 'warning' },
  ami: placement('ec2', 'ami-0a1b2c3d'),
  instanceType: placement('ec2', 't3.large'),
  subnets: placement('ec2', ['subnet-0a1b']),
  securityGroups: placement('ec2', ['sg-0a1b']),
  clientCidrs: placement('ec2', ['10.1.0.0/16']),
  clientSecurityGroups: placement('ec2', ['sg-0c2d']),
  databaseSecurityGroup: placement('ec2', 'sg-0e1f'),
  keyName: placement('ec2', 'ops'),
  iamInstanceProfile: placement('ec2', 'pgtopo-proxy'),
  tags: placement('ec2', { team: 'db' }),
  image: placement('kubernetes', 'ghcr.io/pgtopo/pgtopo:0.1.0'),
  'resources.requests.cpu': placement('kubernetes', '250m'),
  'resources.requests.memory': placement('kubernetes', '128Mi'),
  'resources.limits.cpu': placement('kubernetes', '1'),
  'resources.limits.memory': placement('kubernetes', '256Mi'),
  serviceType: placement('kubernetes', 'LoadBalancer'),
  terminationGracePeriod: placement('kubernetes', '90s'), // more than preStop + drain (35s), which validate requires
};

const CLUSTERS: Record<Environment, Record<string, unknown>> = {
  local: { environment: 'local', postgres: { instances: 3 } },
  ec2: {
    environment: 'ec2', region: 'ap-northeast-1', vpc: { id: 'vpc-0a1b2c3d', cidr: '10.0.0.0/16' },
    backends: { static: [{ name: 'pg0', host: '10.0.0.10' }, { name: 'pg1', host: '10.0.0.11' }] },
    proxy: { subnets: ['subnet-0a1b'] },
  },
  rds: { environment: 'rds', region: 'eu-west-1', dbInstance: 'billing-db', proxy: { subnets: ['subnet-0a1b'] } },
  aurora: { environment: 'aurora', region: 'eu-west-1', dbCluster: 'analytics', proxy: { subnets: ['subnet-0a1b'] } },
  kubernetes: { environment: 'kubernetes', namespace: 'app', postgres: { operator: 'cloudnativepg', cluster: 'app-db' } },
};

function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = key.split('.');
  const child = (target[head!] ?? {}) as Record<string, unknown>;
  return { ...target, [head!]: rest.length === 0 ? value : withKey(child, rest.join('.'), value) };
}

function merged(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  return Object.entries(extra).reduce((result, [key, value]) => (value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...result, [key]: merged((result[key] ?? {}) as Record<string, unknown>, value as Record<string, unknown>) }
    : { ...result, [key]: value }), base);
}

function topologyText(environment: Environment, engine: Engine, proxy: Record<string, unknown>): string {
  const base = CLUSTERS[environment];
  const cluster = { ...base, proxy: merged({ ...(base.proxy as Record<string, unknown> | undefined), engine }, proxy) };
  const password = environment === 'kubernetes' ? { fromSecret: { name: 'app-db-app', key: 'password' } } : { fromEnv: 'PGTOPO_COVERAGE_PASSWORD' };
  return YAML.stringify({ version: 1, name: 'shop', clusters: { dev: cluster }, users: [{ name: 'app', admin: true, password }] });
}

interface RenderedTier {
  tier: ProxyTierConfig;
  features: EffectiveFeatures;
}

interface Rendered {
  tier: ProxyTierConfig | null;
  features?: EffectiveFeatures;
  diagnostics: Diagnostic[];
}

// The CLI's providers (without PGTOPO_SIMULATE): their validate hooks are part of loading, as in `pgtopo validate`.
const providers = providerRegistry({});

/** Validates like `pgtopo validate`, then renders proxy[0] like `pgtopo render` does. */
function render(environment: Environment, engine: Engine, proxy: Record<string, unknown>): Rendered {
  const text = topologyText(environment, engine, proxy);
  const result = parseTopology(text, '/topo/pgtopo.yaml', providers, '/topo');
  if (!result.ok) return { tier: null, diagnostics: result.diagnostics };
  const topology: Topology = result.value.topology;
  const cluster: Cluster = topology.clusters.dev!;
  const features = effectiveFeatures('dev', cluster);
  const names = features.backends?.map((node) => node.name) ?? [];
  const onAws = environment === 'ec2' || environment === 'rds' || environment === 'aurora';
  const tier = proxyTierConfig({
    clusterName: 'dev', cluster, features, users: topology.users ?? [], index: 0,
    delivery: onAws ? ssmSecretDelivery({ topology: 'shop', cluster: 'dev' }) : environment === 'kubernetes' ? secretKeyDelivery() : sameHostDelivery('/topo'),
    backends: names.map((name, index) => ({ name, host: '127.0.0.1', port: 5400 + index, role: 'unknown' })),
    listen: { host: '127.0.0.1', port: cluster.proxy?.port ?? 6432 },
    metricsPort: cluster.proxy?.metricsPort || null,
  });
  return { tier: onAws && engine === 'pgpool2' ? readBackOnInstance(tier) : tier, features, diagnostics: result.value.warnings };
}

/** The tier a Pgpool-II instance on EC2 renders from: its SSM document as JSON, backends at the top level. */
function readBackOnInstance(tier: ProxyTierConfig): ProxyTierConfig {
  const stored = JSON.stringify({ ...pgpoolDocument(tier), backends: tier.config.backends });
  return tierFromPgpoolDocument(JSON.parse(stored) as Record<string, unknown>);
}

/** The builtin document, or the Pgpool-II files with a stand-in for each password the provider would resolve. */
function output(engine: Engine, tier: ProxyTierConfig): string {
  if (engine === 'builtin') return YAML.stringify(tier.config);
  const withPassword = [...tier.config.users, ...(tier.monitorUser ? [tier.monitorUser] : [])].filter((user) => user.password);
  const passwords = new Map(withPassword.map((user) => [user.name, `stand-in-for-${JSON.stringify(user.password)}`]));
  return Object.values(renderPgpoolFileSet(tier, { runDir: '/run', poolPasswdFile: '/run/pool_passwd', pcpPort: 9898 }, passwords)).join('\n');
}

function shown(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} [${d.path}] ${d.message}`).join('\n') || 'no diagnostics';
}

const keys = proxyTopologyKeys();

describe('every proxy key of the topology schema', () => {
  it('has a row, and every row is a key of the schema', () => {
    expect(keys.map((k) => k.key).filter((key) => !(key in ROWS))).toEqual([]);
    expect(Object.keys(ROWS).filter((key) => !keys.some((k) => k.key === key))).toEqual([]);
  });

  const cases = Object.entries(ROWS).flatMap(([key, row]) => (row.environments ?? ['local', 'ec2', 'rds', 'aurora', 'kubernetes']).flatMap((environment) =>
    (['builtin', 'pgpool2'] as const).map((engine) => ({ key, row, environment, engine }))));

  it.each(cases)('$key with engine $engine on $environment', ({ key, row, environment, engine }) => {
    const managed = MANAGED.includes(environment) ? row.on?.managed : undefined;
    const sample = inEnvironment(row.on?.[environment]?.sample ?? managed?.sample
      ?? (engine === 'pgpool2' && row.pgpool2Sample !== undefined ? row.pgpool2Sample : row.sample), environment);
    const base = row.on?.[environment]?.with ?? row.with ?? {};
    const without = render(environment, engine, base);
    expect(without.tier, shown(without.diagnostics)).not.toBeNull();
    const partnered = Object.entries(row.partner ?? {}).reduce((proxy, [other, value]) => withKey(proxy, other, value), base);
    const withIt = render(environment, engine, withKey(partnered, key, sample));
    const effect = row.on?.[environment]?.[engine] ?? managed?.[engine] ?? row[engine];
    const path = `clusters.dev.proxy.${key}`;
    // At the key, inside it, or at the section that holds it (`ha.nlb` for `ha.nlb.scheme`), never the whole proxy.
    const located = (at: string) => at === path || at.startsWith(`${path}.`) || (at.startsWith('clusters.dev.proxy.') && path.startsWith(`${at}.`));
    const atKey = (severity: string) => withIt.diagnostics.filter((d) => d.severity === severity && located(d.path));
    if (effect === 'error' || effect === 'warning') {
      const found = atKey(effect);
      expect(found, shown(withIt.diagnostics)).not.toEqual([]);
      for (const d of found) expect(d.line > 0 && d.column > 0, `${d.path} is located`).toBe(true);
      return;
    }
    expect(withIt.tier, shown(withIt.diagnostics)).not.toBeNull();
    expect(atKey('warning'), 'a rendered key draws no warning').toEqual([]);
    if (effect === 'renders') {
      expect(output(engine, withIt.tier!)).not.toBe(output(engine, without.tier!));
    } else {
      effect.check({ tier: withIt.tier!, features: withIt.features! }, sample);
      if (environment !== 'local') expect(output(engine, withIt.tier!)).toBe(output(engine, without.tier!));
    }
  });
});

describe('a key whose effect depends on another', () => {
  it.each(['builtin', 'pgpool2'] as const)('healthCheck.nodes while health checks are off: not rendered, and a warning at the key (%s)', (engine) => {
    const off = { healthCheck: { enabled: false } };
    const rendered = render('local', engine, { ...off, healthCheck: { enabled: false, nodes: { pg1: { period: '30s' } } } });
    expect(rendered.diagnostics.filter((d) => d.severity === 'warning' && d.path === 'clusters.dev.proxy.healthCheck.nodes'), shown(rendered.diagnostics)).toHaveLength(1);
    expect(output(engine, rendered.tier!)).toBe(output(engine, render('local', engine, off).tier!));
  });
});

/** What the builtin proxy does with a document: its reader's result, and the TLS modes it resolves. */
function builtinBehaviour(tier: ProxyTierConfig): unknown {
  process.env.PGTOPO_COVERAGE_PASSWORD = 'coverage';
  const tls = tier.config.tls;
  const config = parseProxyConfig(tier.config);
  return { config: { ...config, router: routerConfigFrom(config.router) }, tls: { client: tlsClientMode(tls), backend: tlsBackendMode(tls), caFile: tls?.caFile } };
}

// Placement and load-balancer defaults concern the cloud providers (a local cluster refuses `ha.nlb`);
// `engine: builtin` on a pgpool2 column is a different engine.
const defaults = keys.filter((k) => k.default !== undefined && k.from === 'ProxyCommon' && k.key !== 'engine' && !k.key.startsWith('ha.nlb.'));

describe('a proxy key set to its documented default', () => {
  it.each(defaults.flatMap((k) => (['builtin', 'pgpool2'] as const).map((engine) => ({ ...k, engine }))))(
    '$key: $default renders as if it were left out ($engine)', ({ key, default: value, engine }) => {
      const without = render('local', engine, {});
      const withIt = render('local', engine, withKey({}, key, value));
      expect(withIt.tier, shown(withIt.diagnostics)).not.toBeNull();
      if (engine === 'builtin') expect(builtinBehaviour(withIt.tier!)).toEqual(builtinBehaviour(without.tier!));
      else expect(output(engine, withIt.tier!)).toBe(output(engine, without.tier!));
    });

  it('the proxy port 9930 is free when metricsPort is left out: no metrics endpoint is started then', () => {
    const rendered = render('local', 'builtin', { port: 9930 });
    expect(rendered.tier, shown(rendered.diagnostics)).not.toBeNull();
    expect(rendered.tier!.config.metrics).toBeUndefined();
  });
});
