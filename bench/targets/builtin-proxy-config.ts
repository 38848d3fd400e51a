// The builtin proxy's config file for the benchmark (format: proxy/README.md, proxy/proxy-config.ts):
// transaction pooling, load balancing on, the primary and its standbys as backends, SCRAM for clients. The
// backend password is referenced by environment variable so it is never written to disk.

export interface BuiltinProxyConfigInput {
  listenPort: number;
  backends: { name: string; host: string; port: number; role: 'primary' | 'standby' }[];
  user: string;
  scramVerifier: string;
  passwordEnv: string;
  poolSize: number;
}

export function builtinProxyTuning(poolSize: number, backendCount: number): Record<string, unknown> {
  return {
    pool: {
      mode: 'transaction',
      size: poolSize,
      maxServerConnections: poolSize * backendCount,
      maxClientConnections: 1000,
    },
    router: { loadBalancing: true },
  };
}

export function renderBuiltinProxyConfig(input: BuiltinProxyConfigInput): string {
  const config = {
    listen: { host: '127.0.0.1', port: input.listenPort },
    backends: input.backends,
    ...builtinProxyTuning(input.poolSize, input.backends.length),
    users: [{ name: input.user, secret: input.scramVerifier, password: { env: input.passwordEnv } }],
    hba: [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' }],
    logLevel: 'warn',
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
