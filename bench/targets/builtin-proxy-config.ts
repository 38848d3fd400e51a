// The builtin proxy's config file for the benchmark (format: proxy/README.md, proxy/proxy-config.ts):
// transaction pooling, load balancing on, the primary and its standbys as backends, SCRAM for clients. The
// backend password is referenced by environment variable so it is never written to disk. For the failover
// benchmark it adds the health check, failover and monitor sections (proxy/health, proxy/failover).

/** Settings of the failover benchmark, the same as Pgpool-II gets. */
export interface BuiltinFailoverSettings {
  healthCheckPeriodMs: number;
  /** A client's failed connection to a node triggers the failover at once (Pgpool-II's failover_on_backend_error). */
  onBackendError: boolean;
  /** Failed checks retried (1 s apart, the topology's default retryDelay) before a node counts as failed. */
  retries: number;
  /** The role the health checks and pg_promote() run as, and the variable holding its password. */
  monitorUser: string;
  monitorPasswordEnv: string;
}

export interface BuiltinProxyConfigInput {
  listenPort: number;
  backends: { name: string; host: string; port: number; role: 'primary' | 'standby' }[];
  user: string;
  scramVerifier: string;
  passwordEnv: string;
  poolSize: number;
  maxClientConnections?: number;
  failover?: BuiltinFailoverSettings;
}

const DEFAULT_MAX_CLIENT_CONNECTIONS = 1000;

export function builtinProxyTuning(poolSize: number, backendCount: number, maxClientConnections = DEFAULT_MAX_CLIENT_CONNECTIONS): Record<string, unknown> {
  return {
    pool: {
      mode: 'transaction',
      size: poolSize,
      maxServerConnections: poolSize * backendCount,
      maxClientConnections,
    },
    router: { loadBalancing: backendCount > 1 },
  };
}

const RETRY_DELAY_MS = 1_000;

/** The health check, failover and monitor sections; the check period and timeout match Pgpool-II's. */
export function builtinFailoverSections(settings: BuiltinFailoverSettings): Record<string, unknown> {
  const periodMs = settings.healthCheckPeriodMs;
  return {
    healthCheck: { periodMs, timeoutMs: periodMs, retries: settings.retries, retryDelayMs: settings.retries > 0 ? RETRY_DELAY_MS : 0 },
    replicationCheck: { periodMs },
    failover: { enabled: true, onBackendError: settings.onBackendError },
    monitor: { user: settings.monitorUser, password: { env: settings.monitorPasswordEnv } },
  };
}

export function renderBuiltinProxyConfig(input: BuiltinProxyConfigInput): string {
  const config = {
    listen: { host: '127.0.0.1', port: input.listenPort },
    backends: input.backends,
    ...builtinProxyTuning(input.poolSize, input.backends.length, input.maxClientConnections),
    users: [{ name: input.user, secret: input.scramVerifier, password: { env: input.passwordEnv } }],
    hba: [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' }],
    logLevel: 'warn',
    ...(input.failover ? builtinFailoverSections(input.failover) : {}),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
