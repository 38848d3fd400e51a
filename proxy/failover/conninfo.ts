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

export function renderConninfo(params: ReadonlyMap<string, string>): string {
  return [...params].map(([key, value]) => `${key}='${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(' ');
}

/** The same connection string aimed at another server. */
export function repointConninfo(text: string, host: string, port: number): string {
  const params = parseConninfo(text);
  params.delete('hostaddr');
  params.set('host', host);
  params.set('port', String(port));
  return renderConninfo(params);
}
