// pgbouncer.ini and userlist.txt for the PgBouncer target: transaction pooling in front of the primary,
// SCRAM for clients. The userlist holds the role's SCRAM verifier (not its password): PgBouncer then
// authenticates to the server with the keys the client's own SCRAM exchange proved.

export interface PgBouncerConfigInput {
  listenPort: number;
  server: { host: string; port: number };
  database: string;
  user: string;
  scramVerifier: string;
  poolSize: number;
  maxClientConnections?: number;
  /** Several PgBouncer processes share the port (`so_reuseport = 1`); each then needs its own socket dir. */
  soReuseport?: boolean;
  workDir: string;
}

export interface PgBouncerFiles {
  ini: string;
  userlist: string;
}

function quoteUserlistField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function pgBouncerSettings(poolSize: number, maxClientConnections = 1000): Record<string, string | number> {
  return {
    pool_mode: 'transaction',
    auth_type: 'scram-sha-256',
    default_pool_size: poolSize,
    max_client_conn: maxClientConnections,
    // pgbench's first query in a session is a plain SELECT, so no client needs extra startup parameters;
    // listed anyway so a psql session can be used to poke at the pooler during a run.
    ignore_startup_parameters: 'extra_float_digits',
  };
}

export function renderPgBouncerFiles(input: PgBouncerConfigInput): PgBouncerFiles {
  const settings: Record<string, string | number> = {
    listen_addr: '127.0.0.1',
    listen_port: input.listenPort,
    unix_socket_dir: input.workDir,
    auth_file: `${input.workDir}/userlist.txt`,
    logfile: `${input.workDir}/pgbouncer.log`,
    pidfile: `${input.workDir}/pgbouncer.pid`,
    ...pgBouncerSettings(input.poolSize, input.maxClientConnections),
    ...(input.soReuseport ? { so_reuseport: 1 } : {}),
  };
  const database = `${input.database} = host=${input.server.host} port=${input.server.port} dbname=${input.database}`;
  const ini = [
    '; Rendered by pgtopo bench; thrown away after the run.',
    '[databases]',
    database,
    '',
    '[pgbouncer]',
    ...Object.entries(settings).map(([key, value]) => `${key} = ${value}`),
    '',
  ].join('\n');
  const userlist = `${quoteUserlistField(input.user)} ${quoteUserlistField(input.scramVerifier)}\n`;
  return { ini, userlist };
}
