// pgpool.conf for Pgpool-II 4.3 in streaming-replication mode, from the same ProxyTierConfig the builtin proxy's
// config file comes from, read through the proxy's defaults (proxy/config/proxy-defaults.ts) so a setting the
// document leaves out means the same to both engines. What 4.3 cannot express is refused before this runs
// (engine/topology/rules/pgpool-engine-rules.ts). Passwords never appear here: checks look theirs up in pool_passwd.
import { POOL_DEFAULTS, REDIRECT_PROBABILITY, tlsBackendMode, tlsClientMode } from '../config/proxy-defaults.ts';
import type { ProxyBackendDocument, ProxyTierConfig } from '../config/proxy-tier-settings.ts';
import { routerConfigFrom } from '../router/router-config-document.ts';
import type { RedirectPreference } from '../router/router-config.ts';
import { renderPgpoolSettings, wholeSeconds, type PgpoolValue } from './pgpool-value.ts';
import { watchdogSettings } from './render-watchdog-settings.ts';
import type { TlsParameterSetting } from '../config/tls-parameters.ts';
import { tlsParameterFile } from './tls-parameter-files.ts';

export interface PgpoolFiles {
  /** Directory for the pid file, the unix sockets and Pgpool-II's node status file. */
  runDir: string;
  poolPasswdFile: string;
  pcpPort: number;
  /** The watchdog's key in clear, when the tier has one (wd_authkey); absent: rendered masked. */
  watchdogAuthKey?: string;
}

type Setting = [string, PgpoolValue];

/** Where Pgpool-II writes its main process's pid; it refuses to start while the file exists. */
export function pgpoolPidFile(runDir: string): string {
  return `${runDir}/pgpool.pid`;
}

export function renderPgpoolConf(tier: ProxyTierConfig, files: PgpoolFiles): string {
  const sections: [string, Setting[]][] = [
    ['Connections', connectionSettings(tier, files)],
    ['Backends', tier.config.backends.flatMap(backendSettings)],
    ['Authentication', [['enable_pool_hba', true], ['pool_passwd', files.poolPasswdFile], ['allow_clear_text_frontend_auth', false]]],
    ['TLS', tlsSettings(tier, files)],
    ['Pooling', poolSettings(tier)],
    ['Load balancing', loadBalancingSettings(tier)],
    ['Health check', healthSettings(tier)],
    ['Replication check', replicationSettings(tier)],
    ['Failover', failoverSettings(tier)],
    ['Process and logs', [['pid_file_name', pgpoolPidFile(files.runDir)], ['logdir', files.runDir], ['log_destination', 'stderr'],
      ['log_min_messages', logLevel(tier.config.logLevel)]]],
    ['Watchdog', watchdogSettings(tier.watchdog, files)],
  ];
  const body = sections.map(([title, settings]) => `# ${title}\n${renderPgpoolSettings(settings)}`).join('\n\n');
  return `# Written by pgtopo for ${tier.cluster}.proxy[${tier.index}]; changes are overwritten.\n${body}\n`;
}

function connectionSettings(tier: ProxyTierConfig, files: PgpoolFiles): Setting[] {
  const { host, port } = tier.config.listen;
  return [
    ['backend_clustering_mode', 'streaming_replication'],
    ['listen_addresses', host],
    ['port', port],
    ['socket_dir', files.runDir],
    ['pcp_listen_addresses', host],
    ['pcp_port', files.pcpPort],
    ['pcp_socket_dir', files.runDir],
  ];
}

/** ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER for managed writers, ALLOW_TO_FAILOVER for self-managed nodes. */
export function backendFlag(backend: ProxyBackendDocument): string {
  const flags = [...(backend.alwaysPrimary ? ['ALWAYS_PRIMARY'] : []), backend.noFailover ? 'DISALLOW_TO_FAILOVER' : 'ALLOW_TO_FAILOVER'];
  return flags.join('|');
}

function backendSettings(backend: ProxyBackendDocument): Setting[] {
  const n = backend.id;
  return [
    [`backend_hostname${n}`, backend.host],
    [`backend_port${n}`, backend.port],
    [`backend_weight${n}`, backend.weight],
    [`backend_flag${n}`, backendFlag(backend)],
    [`backend_application_name${n}`, backend.name],
  ];
}

/**
 * Pgpool-II has no transaction pooling: one child process serves one client at a time and caches up to max_pool
 * server connections. So the pool size becomes the number of children (clients served at once) with one cached
 * connection each, which keeps the server connection count equal to the builtin proxy's.
 */
function poolSettings(tier: ProxyTierConfig): Setting[] {
  const pool = { ...POOL_DEFAULTS, ...tier.config.pool };
  return [
    ['num_init_children', pool.size],
    ['max_pool', 1],
    ['connection_cache', tier.pooling],
    ['connection_life_time', wholeSeconds(pool.lifetimeMs)],
    ['client_idle_limit', wholeSeconds(pool.clientIdleTimeoutMs)],
    ['reserved_connections', 0],
  ];
}

/**
 * `ssl` switches TLS on towards clients (given a certificate) and towards the backends, where Pgpool-II tries it
 * and falls back to plaintext: libpq's `prefer`. A client mode `require` is pool_hba.conf's hostssl rules. TLS
 * parameters' PEMs are files beside pool_passwd (tls-parameter-files.ts).
 */
function tlsSettings(tier: ProxyTierConfig, files: PgpoolFiles): Setting[] {
  const tls = tier.config.tls;
  const on = tlsClientMode(tls) !== 'disable' || tlsBackendMode(tls) !== 'disable';
  const fromParameter = (setting: TlsParameterSetting) => (tls?.[setting] ? tlsParameterFile(setting, files.poolPasswdFile) : undefined);
  const cert = tls?.certFile ?? fromParameter('certParameter');
  const key = tls?.keyFile ?? fromParameter('keyParameter');
  const ca = tls?.caFile ?? fromParameter('caParameter');
  return [
    ['ssl', on],
    ...(cert && key ? [['ssl_cert', cert], ['ssl_key', key]] satisfies Setting[] : []),
    ...(ca ? [['ssl_ca_cert', ca]] satisfies Setting[] : []),
  ];
}

function loadBalancingSettings(tier: ProxyTierConfig): Setting[] {
  const router = routerConfigFrom(tier.config.router);
  const redirect = (rules: RedirectPreference[]): string =>
    // Without a weight Pgpool-II sends every matching session, as the router does without a probability.
    rules.map((rule) => `${rule.pattern}:${rule.target}${(rule.probability ?? REDIRECT_PROBABILITY) === REDIRECT_PROBABILITY ? '' : `(${rule.probability})`}`).join(',');
  // Pgpool-II 4.3 has no user_redirect_preference_list nor delay_threshold_by_time (both came in 4.4): the
  // pgpool engine rules refuse a topology that sets them.
  return [
    ['load_balance_mode', router.loadBalancing],
    ['disable_load_balance_on_write', router.disableLoadBalanceOnWrite],
    ['statement_level_load_balance', router.statementLevelLoadBalance],
    ['write_function_list', router.writeFunctions.join(',')],
    ['read_only_function_list', router.readOnlyFunctions.join(',')],
    ['primary_routing_query_pattern_list', router.primaryRoutingPatterns.join(';')],
    ['app_name_redirect_preference_list', redirect(router.redirectPreferences.applicationName)],
    ['database_redirect_preference_list', redirect(router.redirectPreferences.database)],
    ['dml_adaptive_object_relationship_list', Object.entries(router.dmlAdaptiveDependencies)
      .flatMap(([table, dependents]) => dependents.map((dependent) => `${table}:${dependent}`)).join(',')],
    ['delay_threshold', router.delayThreshold],
    ['prefer_lower_delay_standby', router.preferLowerDelayStandby],
  ];
}

function healthSettings(tier: ProxyTierConfig): Setting[] {
  const health = tier.health;
  return [
    ...nodeHealthSettings(tier),
    ['health_check_period', health.enabled ? wholeSeconds(health.periodMs) : 0],
    ['health_check_timeout', wholeSeconds(health.timeoutMs)],
    ['health_check_user', tier.monitorUser?.name ?? ''],
    ['health_check_password', ''],
    ['health_check_database', 'postgres'],
    ['health_check_max_retries', health.retries],
    ['health_check_retry_delay', wholeSeconds(health.retryDelayMs)],
  ];
}

/** health_check_period0 …: a node's own timing, over the common one (written only while checks are on). */
function nodeHealthSettings(tier: ProxyTierConfig): Setting[] {
  if (!tier.health.enabled) return [];
  return tier.config.backends.flatMap((backend): Setting[] => {
    const timing = tier.health.nodes?.[backend.name];
    if (!timing) return [];
    const seconds = (ms: number | undefined) => (ms === undefined ? undefined : wholeSeconds(ms));
    const settings: [string, number | undefined][] = [
      ['health_check_period', seconds(timing.periodMs)],
      ['health_check_timeout', seconds(timing.timeoutMs)],
      ['health_check_max_retries', timing.retries],
      ['health_check_retry_delay', seconds(timing.retryDelayMs)],
    ];
    return settings.flatMap(([name, value]): Setting[] => (value === undefined ? [] : [[`${name}${backend.id}`, value]]));
  });
}

function replicationSettings(tier: ProxyTierConfig): Setting[] {
  return [
    ['sr_check_period', tier.replicationCheck.enabled ? wholeSeconds(tier.replicationCheck.periodMs) : 0],
    ['sr_check_user', tier.monitorUser?.name ?? ''],
    ['sr_check_password', ''],
    ['sr_check_database', 'postgres'],
  ];
}

/**
 * Only the coordinator runs the failover hooks, as in the builtin proxy; the others detach and follow. With a
 * watchdog every member has them: Pgpool-II runs failover_command on the watchdog leader alone.
 */
export function runsFailoverHooks(tier: ProxyTierConfig): boolean {
  return tier.failover.enabled && (tier.failover.coordinator || tier.watchdog !== undefined);
}

function failoverSettings(tier: ProxyTierConfig): Setting[] {
  const failover = tier.failover;
  const runsHooks = runsFailoverHooks(tier);
  return [
    ['failover_on_backend_error', failover.onBackendError],
    ['failover_command', runsHooks ? failover.failoverCommand : ''],
    ['follow_primary_command', runsHooks ? failover.followPrimaryCommand : ''],
    ['detach_false_primary', failover.enabled],
    ['auto_failback', failover.autoFailback === true],
    // Pgpool-II takes a node back at most once per interval (60 s by default); one replication check period is
    // enough to see that it still streams, and a second failover soon after the first need not wait a minute.
    ['auto_failback_interval', wholeSeconds(tier.replicationCheck.periodMs)],
  ];
}

function logLevel(level: ProxyTierConfig['config']['logLevel']): string {
  return level === 'warn' ? 'warning' : level === 'debug' ? 'debug1' : level;
}
