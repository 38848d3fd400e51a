// pgpool.conf, pool_hba.conf, pool_passwd and pcp.conf for the Pgpool-II target: streaming-replication
// mode with load balancing and connection cache, everything (sockets, pid file, status file, logs) inside
// the run's work dir so nothing touches the system's Pgpool-II installation.
import { createHash } from 'node:crypto';

export interface PgpoolBackend {
  host: string;
  port: number;
  dataDir: string;
  name: string;
}

export interface PgpoolUser {
  name: string;
  password: string;
}

export interface PgpoolConfigInput {
  listenPort: number;
  pcpPort: number;
  workDir: string;
  backends: PgpoolBackend[];
  /** Every user clients log in as, plus the health/SR-check user; Pgpool-II needs their passwords for SCRAM. */
  users: PgpoolUser[];
  checkUser: string;
  numInitChildren: number;
  /** Seconds between health checks; 0 disables them (and with them, failover detection). */
  healthCheckPeriod: number;
  /** Shell command run on failover with Pgpool-II's placeholders, or '' for none. */
  failoverCommand: string;
  /** Fail a node over as soon as a client's connection to it fails (Pgpool-II's default), not only by health check. */
  failoverOnBackendError: boolean;
  pcpPassword: string;
}

export interface PgpoolFiles {
  conf: string;
  poolHba: string;
  poolPasswd: string;
  pcp: string;
}

type Setting = string | number | boolean;

function renderValue(value: Setting): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** The settings that shape performance and failover; recorded in the results file. */
export function pgpoolTuning(numInitChildren: number, healthCheckPeriod: number, failoverOnBackendError = true): Record<string, Setting> {
  return {
    backend_clustering_mode: 'streaming_replication',
    load_balance_mode: true,
    connection_cache: true,
    num_init_children: numInitChildren,
    max_pool: 1, // one user and one database: a second cached connection set would never be used
    disable_load_balance_on_write: 'transaction',
    statement_level_load_balance: false,
    health_check_period: healthCheckPeriod,
    health_check_timeout: 1,
    health_check_max_retries: 0,
    failover_on_backend_error: failoverOnBackendError,
    sr_check_period: 10,
  };
}

function backendSettings(backends: readonly PgpoolBackend[]): Record<string, Setting> {
  const settings: Record<string, Setting> = {};
  backends.forEach((backend, index) => {
    settings[`backend_hostname${index}`] = backend.host;
    settings[`backend_port${index}`] = backend.port;
    settings[`backend_weight${index}`] = 1;
    settings[`backend_data_directory${index}`] = backend.dataDir;
    settings[`backend_flag${index}`] = 'ALLOW_TO_FAILOVER';
    settings[`backend_application_name${index}`] = backend.name;
  });
  return settings;
}

export function renderPgpoolFiles(input: PgpoolConfigInput): PgpoolFiles {
  const dir = input.workDir;
  const settings: Record<string, Setting> = {
    listen_addresses: '127.0.0.1',
    port: input.listenPort,
    socket_dir: dir,
    pcp_listen_addresses: '127.0.0.1',
    pcp_port: input.pcpPort,
    pcp_socket_dir: dir,
    pid_file_name: `${dir}/pgpool.pid`,
    logdir: dir,
    log_destination: 'stderr',
    log_min_messages: 'warning',
    enable_pool_hba: true,
    pool_passwd: `${dir}/pool_passwd`,
    sr_check_user: input.checkUser,
    health_check_user: input.checkUser,
    failover_command: input.failoverCommand,
    search_primary_node_timeout: 60,
    ...pgpoolTuning(input.numInitChildren, input.healthCheckPeriod, input.failoverOnBackendError),
    ...backendSettings(input.backends),
  };
  const conf = [
    '# Rendered by pgtopo bench; thrown away after the run.',
    ...Object.entries(settings).map(([key, value]) => `${key} = ${renderValue(value)}`),
    '',
  ].join('\n');
  const poolHba = ['local all all trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n');
  // The TEXT prefix marks a clear-text password: Pgpool-II needs it to run SCRAM towards the backends.
  const poolPasswd = input.users.map((user) => `${user.name}:TEXT${user.password}`).join('\n') + '\n';
  const pcpHash = createHash('md5').update(input.pcpPassword).digest('hex');
  return { conf, poolHba, poolPasswd, pcp: `${input.checkUser}:${pcpHash}\n` };
}
