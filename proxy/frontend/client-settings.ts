// Startup parameters (application_name, DateStyle, options' -c settings …) belong to the client, but in
// transaction mode its server changes every transaction. Each distinct set is interned once with a signature
// so that "does this server already carry the client's settings?" is one string comparison per transaction,
// and only a mismatch costs a SET round (sent ahead of the client's message, its response dropped).

const NOT_SETTINGS = new Set(['user', 'database', 'replication', 'options']);

export interface ClientSettings {
  readonly signature: string;
  readonly values: Readonly<Record<string, string>>;
}

/** Equal settings share one object, so the per-transaction check is usually a pointer comparison. Bounded:
 * once full it starts over (comparisons fall back to the signature string, so correctness never depends on it). */
const interned = new Map<string, ClientSettings>();
const MAX_INTERNED = 10_000;

/** Turns `options` (-c name=value / --name=value) into ordinary settings; other flags are rejected. */
export function parseOptions(options: string): Record<string, string> {
  const settings: Record<string, string> = {};
  const words = options.trim().split(/\s+/).filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    let pair: string | undefined;
    if (words[i] === '-c') pair = words[++i];
    else if (words[i].startsWith('-c')) pair = words[i].slice(2);
    else if (words[i].startsWith('--')) pair = words[i].slice(2);
    const eq = pair?.indexOf('=') ?? -1;
    if (pair === undefined || eq <= 0) throw new Error(`unsupported startup option "${words[i]}" (only -c name=value)`);
    settings[pair.slice(0, eq).replaceAll('-', '_')] = pair.slice(eq + 1);
  }
  return settings;
}

/** By startup-parameters object: logins that sent the same packet share one (startup-params.ts), so this is one lookup. */
const settingsOfStartup = new WeakMap<Readonly<Record<string, string>>, ClientSettings>();

export function clientSettings(startup: Readonly<Record<string, string>>): ClientSettings {
  let settings = settingsOfStartup.get(startup);
  if (settings === undefined) {
    settings = internedSettings(startup);
    settingsOfStartup.set(startup, settings);
  }
  return settings;
}

function internedSettings(startup: Readonly<Record<string, string>>): ClientSettings {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(startup)) {
    if (!NOT_SETTINGS.has(key)) values[key] = value;
  }
  if (startup.options) Object.assign(values, parseOptions(startup.options));
  const signature = Object.keys(values)
    .sort()
    .map((key) => `${key}=${values[key]}`)
    .join('\0');
  let settings = interned.get(signature);
  if (!settings) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    settings = { signature, values };
    interned.set(signature, settings);
  }
  return settings;
}

/**
 * What a server session carries after its login: none of any client's settings. Servers log in without them
 * because RESET returns a setting to its value at login, not to the server's default: a server opened with one
 * client's search_path would keep it for every later client that did not set one.
 */
export const NO_SETTINGS: ClientSettings = clientSettings({});

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** SQL that turns a session carrying `from` into one carrying `to`. */
export function carrySql(from: ClientSettings | undefined, to: ClientSettings): string {
  return transitionSql(from, to, (key, value) => from?.values[key] !== value);
}

/** Like carrySql, but sets every value of `to`, also those `from` already carries, so that each one is tried. */
export function checkSql(from: ClientSettings, to: ClientSettings): string {
  return transitionSql(from, to, () => true);
}

/**
 * Values go through set_config, not SET: it reads a value as the startup packet does, where SET takes a quoted
 * literal as one list element (`SET search_path TO 'a,b'` is the single schema "a,b", `-c search_path=a,b` is two).
 * Schema-qualified, since the search_path in force is the previous client's, which may put a look-alike first.
 */
function transitionSql(from: ClientSettings | undefined, to: ClientSettings, mustSet: (key: string, value: string) => boolean): string {
  const statements: string[] = [];
  const assignments: string[] = [];
  for (const [key, value] of Object.entries(to.values)) {
    if (mustSet(key, value)) assignments.push(`pg_catalog.set_config(${quoteLiteral(key)}, ${quoteLiteral(value)}, false)`);
  }
  if (assignments.length > 0) statements.push(`SELECT ${assignments.join(', ')}`);
  for (const key of Object.keys(from?.values ?? {})) {
    if (!(key in to.values)) statements.push(`RESET ${quoteIdent(key)}`);
  }
  return statements.join('; ');
}
