// A proxy's ProxyTierConfig split into the attributes of a `local_proxy` resource, and joined back at apply time.
// The split follows how a change takes effect: `reload_config` by SIGHUP, `restart_config` only by a restart
// (listen/metrics ports, users whose secrets come from the process environment, and Pgpool-II's backend list),
// so the plan shows which of the two an apply will do.
import type { AttributeValue, DesiredValue } from '../provider.ts';
import type { ProxyBackendDocument, ProxyTierConfig } from '../../engine/features/proxy-tier-config.ts';

export interface ProxyAttributes {
  engine: 'builtin' | 'pgpool2';
  restart_config: Record<string, DesiredValue>;
  reload_config: Record<string, DesiredValue>;
}

/** `backends` are references to the instances' current port and role, filled in at apply time. */
export function splitTier(tier: ProxyTierConfig, declaredPort: number | null, backends: DesiredValue[]): ProxyAttributes {
  const { config } = tier;
  const backendsKey = tier.engine === 'pgpool2' ? 'restart_config' : 'reload_config';
  const attributes: ProxyAttributes = {
    engine: tier.engine,
    restart_config: {
      declared_port: declaredPort,
      metrics: (config.metrics ?? null) as DesiredValue,
      users: config.users as unknown as DesiredValue,
      monitor_user: tier.monitorUser as unknown as DesiredValue,
    },
    reload_config: {
      pool: config.pool as unknown as DesiredValue,
      pooling: tier.pooling,
      hba: config.hba as unknown as DesiredValue,
      router: config.router as DesiredValue,
      log_level: config.logLevel,
      health: tier.health as unknown as DesiredValue,
      replication_check: tier.replicationCheck,
      failover: tier.failover,
    },
  };
  attributes[backendsKey].backends = backends;
  return attributes;
}

export interface JoinInput {
  cluster: string;
  index: number;
  host: string;
  port: number;
  attributes: Record<string, AttributeValue>;
}

type Loose = Record<string, AttributeValue>;

/** The tier config a proxy runs with, from its resolved attributes and the port it listens on. */
export function joinTier(input: JoinInput): ProxyTierConfig {
  const restart = input.attributes.restart_config as Loose;
  const reload = input.attributes.reload_config as Loose;
  const engine = input.attributes.engine as ProxyTierConfig['engine'];
  const backends = ((restart.backends ?? reload.backends) as unknown as ProxyBackendDocument[]).map(fenceFalsePrimary);
  const metrics = restart.metrics as ProxyTierConfig['config']['metrics'] | null;
  return {
    cluster: input.cluster,
    engine,
    index: input.index,
    config: {
      listen: { host: input.host, port: input.port },
      ...(metrics ? { metrics } : {}),
      backends,
      pool: reload.pool as unknown as ProxyTierConfig['config']['pool'],
      users: restart.users as unknown as ProxyTierConfig['config']['users'],
      hba: reload.hba as unknown as ProxyTierConfig['config']['hba'],
      router: reload.router as Record<string, unknown>,
      logLevel: reload.log_level as ProxyTierConfig['config']['logLevel'],
    },
    pooling: reload.pooling === true,
    health: reload.health as unknown as ProxyTierConfig['health'],
    replicationCheck: reload.replication_check as unknown as ProxyTierConfig['replicationCheck'],
    failover: reload.failover as unknown as ProxyTierConfig['failover'],
    monitorUser: restart.monitor_user as unknown as ProxyTierConfig['monitorUser'],
  };
}

/** A returned old primary gets no traffic until it is rebuilt as a standby: no reads (weight 0), never the primary. */
function fenceFalsePrimary(backend: ProxyBackendDocument): ProxyBackendDocument {
  const role = backend.role as string;
  if (role === 'primary' || role === 'standby') return backend;
  return { ...backend, role: 'standby', weight: 0 };
}
