// libpq key/value connection strings (primary_conninfo). Re-pointing a standby keeps everything it already has
// (user, passfile, sslmode, application_name …) and changes only host and port, so the proxy never needs to
// know the replication credentials.

const KEY_VALUE = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)/y;

export class ConninfoError extends Error {}

export function parseConninfo(text: string): Map<string, string> {
  const params = new Map<string, string>();
  KEY_VALUE.lastIndex = 0;
  let rest = text.trim();
  while (rest.length > 0) {
    KEY_VALUE.lastIndex = 0;
    const match = KEY_VALUE.exec(rest);
    if (!match) throw new ConninfoError('primary_conninfo is not a key=value connection string');
    const raw = match[2];
    params.set(match[1], raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
    rest = rest.slice(match[0].length).trimStart();
  }
  return params;
}

// Values that need no quotes are written bare, and host and port first: Pgpool-II's check of which primary a
// standby streams from (verify_backend_node_status, for detach_false_primary) reads pg_stat_wal_receiver.conninfo
// with a naive parser that takes the first `host`/`port` substring up to a space, quotes included. A re-pointed
// standby reports the conninfo as written, so `host='127.0.0.1'` made Pgpool-II see no standby on its primary.
const PLAIN_VALUE = /^[A-Za-z0-9_.,/:@+-]+$/;

function renderValue(value: string): string {
  return PLAIN_VALUE.test(value) ? value : `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

export function renderConninfo(params: ReadonlyMap<string, string>): string {
  return [...params].map(([key, value]) => `${key}=${renderValue(value)}`).join(' ');
}

/** The same connection string aimed at another server. */
export function repointConninfo(text: string, host: string, port: number): string {
  const params = parseConninfo(text);
  for (const key of ['hostaddr', 'host', 'port']) params.delete(key);
  return renderConninfo(new Map([['host', host], ['port', String(port)], ...params]));
}
