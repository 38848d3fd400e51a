// Pgpool-II configuration values: quoting and the unit conversions its settings expect.

export type PgpoolValue = string | number | boolean;

/** A value pgpool.conf cannot hold (see pgpoolStringProblem). */
export class PgpoolValueError extends Error {}

/**
 * Why `value` cannot be a pgpool.conf string, or undefined when it can. Pgpool-II 4.3 reads a string as a quote,
 * then characters other than a quote or a line break (or a backslash and any character), then a quote, and keeps
 * what lies between the quotes as written: `log_line_prefix = 'A\\B\'C'` logs `A\\B\'C`. A doubled quote is a
 * syntax error. So no spelling puts a single quote or a line break into a value, and an odd run of backslashes at
 * the end would escape the closing quote.
 */
export function pgpoolStringProblem(value: string): string | undefined {
  if (/['\n\r]/.test(value)) return 'Pgpool-II reads no single quote or line break inside a quoted setting';
  const trailingBackslashes = value.length - value.replace(/\\+$/, '').length;
  if (trailingBackslashes % 2 === 1) return 'a backslash at the end would escape the closing quote of the setting';
  return undefined;
}

function pgpoolString(value: string, name: string): string {
  const problem = pgpoolStringProblem(value);
  if (problem === undefined) return `'${value}'`;
  throw new PgpoolValueError(`${name} = ${JSON.stringify(value)} cannot be written to pgpool.conf: ${problem}`);
}

/** A setting value as pgpool.conf writes it: strings single-quoted, booleans on/off. */
export function pgpoolValue(value: PgpoolValue, name = 'value'): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number') return String(value);
  return pgpoolString(value, name);
}

/** Pgpool-II times are whole seconds; round up so a 1.5 s timeout does not become a 1 s one, and never 0 (= off). */
export function wholeSeconds(ms: number): number {
  return ms <= 0 ? 0 : Math.max(1, Math.ceil(ms / 1000));
}

export function renderPgpoolSettings(settings: [string, PgpoolValue][]): string {
  return settings.map(([name, value]) => `${name} = ${pgpoolValue(value, name)}`).join('\n');
}
