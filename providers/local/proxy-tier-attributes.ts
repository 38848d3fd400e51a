// A proxy's ProxyTierConfig split into the attributes of a `local_proxy` resource, and joined back at apply time.
// Attribute names say how a change takes effect, so the plan shows it: `reload.*` by SIGHUP, `restart.*` only by a
// restart (listen/metrics ports, TLS files and modes, users whose secrets come from the process environment,
// Pgpool-II's backend list).
import type { AttributeSchema, AttributeValue, DesiredValue } from '../provider.ts';
import { ASYNC_REPLICATION, monitoringSections, type ProxyBackendDocument, type ProxyTierConfig } from '../../proxy-tier/proxy-tier-config.ts';

export const RELOAD_PREFIX = 'reload.';
export const RESTART_PREFIX = 'restart.';

const RESTART_KEYS = ['declared_port', 'metrics', 'tls', 'users', 'monitor_user'] as const;
const RELOAD_KEYS = ['pool', 'pooling', 'hba', 'router', 'log_level', 'health', 'replication_check', 'failover', 'replication'] as const;

/** Schema entries of the split attributes; `backends` is listed under both prefixes (one is used per engine). */
export function tierAttributeSchema(): Record<string, AttributeSchema> {
  const entries = [
    ...[...RESTART_KEYS, 'backends'].map((key) => [`${RESTART_PREFIX}${key}`, { description: 'applied by restarting the proxy' }]),
    ...[...RELOAD_KEYS, 'backends'].map((key) => [`${RELOAD_PREFIX}${key}`, { description: 'applied by reload (SIGHUP) without dropping clients' }]),
  ];
  return Object.fromEntries(entries) as Record<string, AttributeSchema>;
}

/** `backends` are references to the instances' current port and role, filled in at apply time. */
export function splitTier(tier: ProxyTierConfig, declaredPort: number | null, backends: DesiredValue[]): Record<string, DesiredValue> {
  const { config } = tier;
  const values: Record<string, unknown> = {
    [`${RESTART_PREFIX}declared_port`]: declaredPort,
    [`${RESTART_PREFIX}metrics`]: config.metrics ?? null,
    // Left out without TLS, so proxies recorded before TLS was rendered show no change.
    ...(config.tls ? { [`${RESTART_PREFIX}tls`]: config.tls } : {}),
    [`${RESTART_PREFIX}users`]: config.users,
    [`${RESTART_PREFIX}monitor_user`]: tier.monitorUser,
    [`${RELOAD_PREFIX}pool`]: config.pool,
    [`${RELOAD_PREFIX}pooling`]: tier.pooling,
    [`${RELOAD_PREFIX}hba`]: config.hba,
    [`${RELOAD_PREFIX}router`]: config.router,
    [`${RELOAD_PREFIX}log_level`]: config.logLevel,
    [`${RELOAD_PREFIX}health`]: tier.health,
    [`${RELOAD_PREFIX}replication_check`]: tier.replicationCheck,
    [`${RELOAD_PREFIX}failover`]: tier.failover,
    [`${RELOAD_PREFIX}replication`]: tier.replication,
    [`${tier.engine === 'pgpool2' ? RESTART_PREFIX : RELOAD_PREFIX}backends`]: backends,
  };
  return values as Record<string, DesiredValue>;
}

/** Only the split attributes of a resolved attribute map (what a proxy's record keeps). */
export function tierAttributes(attributes: Record<string, AttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => key.startsWith(RELOAD_PREFIX) || key.startsWith(RESTART_PREFIX)));
}

export interface JoinInput {
  cluster: string;
  engine: ProxyTierConfig['engine'];
  index: number;
  host: string;
  port: number;
  attributes: Record<string, AttributeValue>;
}

/** The tier config a proxy runs with, from its resolved attributes and the port it listens on. */
export function joinTier(input: JoinInput): ProxyTierConfig {
  const get = <T>(key: string): T => (input.attributes[`${RESTART_PREFIX}${key}`] ?? input.attributes[`${RELOAD_PREFIX}${key}`]) as T;
  const metrics = get<ProxyTierConfig['config']['metrics'] | null>('metrics');
  // A proxy recorded before TLS was rendered has none.
  const tls = get<ProxyTierConfig['config']['tls'] | null | undefined>('tls');
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
      backends: get<ProxyBackendDocument[]>('backends').map(fenceFalsePrimary),
      pool: get('pool'),
      users: get('users'),
      hba: get('hba'),
      router: get('router'),
      logLevel: get('log_level'),
      ...monitoringSections({ index: input.index, health: get('health'), replicationCheck: get('replication_check'), failover: get('failover'), monitorUser: get('monitor_user'), replication }),
    },
    pooling: get('pooling'),
    health: get('health'),
    replicationCheck: get('replication_check'),
    failover: get('failover'),
    monitorUser: get('monitor_user'),
    replication,
  };
}

/** A returned old primary gets no traffic until it is rebuilt as a standby: no reads (weight 0), never the primary. */
function fenceFalsePrimary(backend: ProxyBackendDocument): ProxyBackendDocument {
  const role = backend.role as string;
  if (role === 'primary' || role === 'standby') return backend;
  // A fenced primary (in recovery, no other primary) is still the one the proxies should promote back.
  if (role === 'fenced-primary') return { ...backend, role: 'primary' };
  return { ...backend, role: 'standby', weight: 0 };
}
