// pool_passwd: Pgpool-II needs each user's password to authenticate clients with SCRAM and to log in to the
// backends. The TEXT prefix stores it in clear, so the file must be 0600 and live under .pgtopo/, never in a repo.
export const MASKED = '(sensitive)';

export interface PoolPasswdUser {
  name: string;
  /** Null for users without a password (trust): they get no line. */
  password: string | null;
}

// Pgpool-II reads a line as `user:password[:backend user:backend password]`, a backslash escaping the next character
// (pool_get_user_credentials, src/auth/pool_passwd.c), and keeps at most 128 characters of a token, the TEXT prefix
// included: a password with an unescaped `:` or `\` was cut or changed, a longer one silently truncated.
const MAX_TOKEN_CHARACTERS = 128;
const TEXT_PREFIX = 'TEXT';

export function renderPoolPasswd(users: PoolPasswdUser[], mask = false): string {
  return users
    .filter((user) => user.password !== null)
    .map((user) => userLine(user.name, user.password!, mask ? MASKED : textSecret(user.name, user.password!)))
    .join('');
}

function textSecret(name: string, password: string): string {
  const limit = MAX_TOKEN_CHARACTERS - TEXT_PREFIX.length;
  if (Buffer.byteLength(password) > limit) throw new Error(`user ${name}: Pgpool-II reads at most ${limit} bytes of a password from pool_passwd; choose a shorter one`);
  return `${TEXT_PREFIX}${password.replaceAll('\\', '\\\\').replaceAll(':', '\\:')}`;
}

/**
 * `name:secret`, one user per line (pool_passwd, pcp.conf). A name is matched up to the first `:` and nothing escapes
 * a line break, so a `:` in the name or a line break anywhere would give another user a line of its own: both are
 * refused (the message never shows the password).
 */
export function userLine(name: string, password: string, secret: string): string {
  if (/[:\s]/.test(name)) throw new Error(`user ${JSON.stringify(name)}: Pgpool-II's user files cannot hold a name with \`:\` or white space`);
  if (/[\n\r\0]/.test(password)) throw new Error(`user ${name}: the password holds a line break or NUL, which Pgpool-II's user files cannot hold`);
  return `${name}:${secret}\n`;
}
