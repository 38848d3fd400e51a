// Pgpool-II configuration values: quoting and the unit conversions its settings expect.

export type PgpoolValue = string | number | boolean;

/**
 * A setting value as pgpool.conf writes it: strings single-quoted, booleans on/off. Pgpool-II's parser rejects a
 * doubled quote (PostgreSQL's spelling) with a syntax error; it takes a backslash-escaped one.
 */
export function pgpoolValue(value: PgpoolValue): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "\\'")}'`;
}

/** Pgpool-II times are whole seconds; round up so a 1.5 s timeout does not become a 1 s one, and never 0 (= off). */
export function wholeSeconds(ms: number): number {
  return ms <= 0 ? 0 : Math.max(1, Math.ceil(ms / 1000));
}

export function renderPgpoolSettings(settings: [string, PgpoolValue][]): string {
  return settings.map(([name, value]) => `${name} = ${pgpoolValue(value)}`).join('\n');
}
