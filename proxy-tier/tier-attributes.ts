// A proxy's ProxyTierConfig as flat named sections, and joined back into the config a proxy runs with. A provider
// stores each section as one attribute of its proxy resource, so a plan diffs them one by one. Each section says how
// a running proxy takes a change of it: by reload (SIGHUP; clients keep their connections) or only by a restart
// (listen and metrics ports, TLS files and modes, users whose secrets are read from the environment at start,
// Pgpool-II's backend addresses, pool size and load-balancing switch). A section whose value is undefined is left out,
// so records made before it existed show no change.
// A new proxy setting is one row of TIER_SECTIONS and one line of joinTier.
import { ASYNC_REPLICATION, type ProxyBackendDocument, type ProxyTierConfig } from '../proxy/config/proxy-tier-settings.ts';
import { monitoringSections } from './proxy-tier-config.ts';

export type AppliesBy = 'restart' | 'reload';
export type ProxyEngine = ProxyTierConfig['engine'];

/** What the sections are cut from: the tier config, the port declared for this proxy, its backends (references). */
export interface SplitInput<Backend> {
  tier: ProxyTierConfig;
  declaredPort: number | null;
  backends: Backend[];
}

interface TierSection {
  /** Per engine where they differ. */
  appliesBy: AppliesBy | Record<ProxyEngine, AppliesBy>;
  description: string;
  valueOf(input: SplitInput<unknown>): unknown;
  /** Where only part of a restart-only section is read at start: that part. A change of the rest reloads. */
  startPart?: (value: unknown) => unknown;
}

/** Reloaded by the builtin proxy, read by Pgpool-II only when it starts. */
const ONLY_AT_PGPOOL_START: Record<ProxyEngine, AppliesBy> = { builtin: 'reload', pgpool2: 'restart' };

const TIER_SECTIONS: Record<string, TierSection> = {
  declared_port: { appliesBy: 'restart', description: 'the port declared for this proxy; null: a free one', valueOf: (input) => input.declaredPort },
  metrics: { appliesBy: 'restart', description: 'the metrics endpoint', valueOf: ({ tier }) => tier.config.metrics ?? null },
  tls: { appliesBy: 'restart', description: 'TLS towards clients and backends', valueOf: ({ tier }) => tier.config.tls },
  users: { appliesBy: 'restart', description: 'users and where their passwords come from', valueOf: ({ tier }) => tier.config.users },
  monitor_user: { appliesBy: 'restart', description: 'the role of health checks, lag checks and promotion', valueOf: ({ tier }) => tier.monitorUser },
  // Pgpool-II reads num_init_children, max_pool, connection_cache (pool, pooling) and load_balance_mode (router)
  // only at start: its sample pgpool.conf marks them "(change requires restart)", and a SIGHUP keeps the old values.
  pool: { appliesBy: ONLY_AT_PGPOOL_START, description: 'pool mode, size and limits', valueOf: ({ tier }) => tier.config.pool },
  pooling: { appliesBy: ONLY_AT_PGPOOL_START, description: 'false: every client gets its own server connection', valueOf: ({ tier }) => tier.pooling },
  hba: { appliesBy: 'reload', description: 'client authentication rules', valueOf: ({ tier }) => tier.config.hba },
  router: { appliesBy: ONLY_AT_PGPOOL_START, description: 'load balancing and routing rules', valueOf: ({ tier }) => tier.config.router },
  log_level: { appliesBy: 'reload', description: 'log level', valueOf: ({ tier }) => tier.config.logLevel },
  workers: { appliesBy: 'restart', description: 'event loops accepting on the port (builtin proxy)', valueOf: ({ tier }) => tier.config.workers },
  health: { appliesBy: 'reload', description: 'backend health checks', valueOf: ({ tier }) => tier.health },
  replication_check: { appliesBy: 'reload', description: 'replication lag checks', valueOf: ({ tier }) => tier.replicationCheck },
  failover: { appliesBy: 'reload', description: 'failover and its coordinator', valueOf: ({ tier }) => tier.failover },
  replication: { appliesBy: 'reload', description: 'synchronous replication settings', valueOf: ({ tier }) => tier.replication },
  // The safety argument of the watchdog assumes its members and timing fixed for the life of a process.
  watchdog: { appliesBy: 'restart', description: 'the watchdog: members, VIP and timing', valueOf: ({ tier }) => tier.config.watchdog },
  // Pgpool-II cannot change an existing node's address by reload, but it reloads weights and flags, and it finds
  // the primary itself (the role hints are the builtin proxy's), so after a failover an apply need not restart it
  // and drop every client (doc/src/sgml/connection-settings.sgml).
  backends: {
    appliesBy: ONLY_AT_PGPOOL_START, description: 'the backends, their roles and weights', valueOf: (input) => input.backends,
    startPart: (backends) => (Array.isArray(backends) ? (backends as ProxyBackendDocument[]).map(({ id, name, host, port }) => ({ id, name, host, port })) : backends),
  },
};

export const TIER_SECTION_NAMES: readonly string[] = Object.keys(TIER_SECTIONS);

function section(name: string): TierSection | undefined {
  return Object.hasOwn(TIER_SECTIONS, name) ? TIER_SECTIONS[name] : undefined;
}

export function tierSectionDescription(name: string): string {
  return section(name)?.description ?? '';
}

/** How a running proxy takes a change of `name`; undefined for anything that is not a tier section. */
export function tierAppliesBy(name: string, engine: ProxyEngine): AppliesBy | undefined {
  const rule = section(name)?.appliesBy;
  return typeof rule === 'object' ? rule[engine] : rule;
}

/** How a running proxy takes this change of `name` from `before` to `after`: a restart only where the start part changed. */
export function tierChangeAppliesBy(name: string, engine: ProxyEngine, before: unknown, after: unknown): AppliesBy | undefined {
  const by = tierAppliesBy(name, engine);
  const startPart = section(name)?.startPart;
  if (by !== 'restart' || before === undefined || !startPart) return by;
  return JSON.stringify(startPart(before)) === JSON.stringify(startPart(after)) ? 'reload' : 'restart';
}

/**
 * Names sections had before 0.2, when the name carried how a change applies (`restart.users`, `reload.router`;
 * `backends` under either, by engine). Sections added since never had a record under them, so the extra names match
 * nothing.
 */
export function formerTierNames(name: string): string[] {
  return FORMER_PREFIXES.map((prefix) => `${prefix}${name}`);
}

const FORMER_PREFIXES = ['restart.', 'reload.'];

/** A tier attribute map recorded under the former names, with the current ones. */
export function withCurrentTierNames<T>(attributes: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => {
    const prefix = FORMER_PREFIXES.find((candidate) => key.startsWith(candidate));
    return [prefix ? key.slice(prefix.length) : key, value];
  }));
}

export function splitTier<Backend>(input: SplitInput<Backend>): Record<string, unknown> {
  const values = Object.entries(TIER_SECTIONS).map(([name, section]) => [name, section.valueOf(input)] as const);
  return Object.fromEntries(values.filter(([, value]) => value !== undefined));
}

/** Only the tier sections of an attribute map (what a proxy's record keeps). */
export function tierSections<T>(attributes: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => section(key) !== undefined));
}

export interface JoinInput {
  cluster: string;
  engine: ProxyEngine;
  index: number;
  host: string;
  port: number;
  sections: Record<string, unknown>;
}

/** The tier config a proxy runs with, from its sections and the port it listens on. */
export function joinTier(input: JoinInput): ProxyTierConfig {
  const get = <T>(name: string): T => input.sections[name] as T;
  const metrics = get<ProxyTierConfig['config']['metrics'] | null>('metrics');
  const tls = get<ProxyTierConfig['config']['tls'] | undefined>('tls');
  const watchdog = get<ProxyTierConfig['config']['watchdog'] | undefined>('watchdog');
  // Absent (the default, and in proxies recorded before workers existed): one worker, nothing to restart for.
  const workers = get<ProxyTierConfig['config']['workers'] | undefined>('workers');
  // A proxy recorded before replication settings existed replicates asynchronously.
  const replication = get<ProxyTierConfig['replication'] | undefined>('replication') ?? ASYNC_REPLICATION;
  return {
    cluster: input.cluster,
    engine: input.engine,
    index: input.index,
    config: {
      listen: { host: input.host, port: input.port },
      ...(metrics ? { metrics } : {}),
      ...(tls ? { tls } : {}),
      backends: get<ProxyBackendDocument[]>('backends'),
      pool: get('pool'),
      users: get('users'),
      hba: get('hba'),
      router: get('router'),
      logLevel: get('log_level'),
      ...(workers !== undefined ? { workers } : {}),
      ...monitoringSections({ index: input.index, health: get('health'), replicationCheck: get('replication_check'), failover: get('failover'), monitorUser: get('monitor_user'), replication }),
      ...(watchdog ? { watchdog } : {}),
    },
    pooling: get('pooling'),
    health: get('health'),
    replicationCheck: get('replication_check'),
    failover: get('failover'),
    monitorUser: get('monitor_user'),
    replication,
  };
}
