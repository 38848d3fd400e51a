// pool_passwd: Pgpool-II needs each user's password to authenticate clients with SCRAM and to log in to the
// backends. The TEXT prefix stores it in clear, so the file must be 0600 and live under .pgtopo/, never in a repo.
export const MASKED = '(sensitive)';

export interface PoolPasswdUser {
  name: string;
  /** Null for users without a password (trust): they get no line. */
  password: string | null;
}

export function renderPoolPasswd(users: PoolPasswdUser[], mask = false): string {
  return users
    .filter((user) => user.password !== null)
    .map((user) => userLine(user.name, user.password!, mask ? MASKED : `TEXT${user.password}`))
    .join('');
}

/**
 * `name:secret`, one user per line (pool_passwd, pcp.conf). Neither file has escapes: a `:` in the name or a line
 * break anywhere would give another user a line of its own, so they are refused (the message never shows the password).
 */
export function userLine(name: string, password: string, secret: string): string {
  if (/[:\s]/.test(name)) throw new Error(`user ${JSON.stringify(name)}: Pgpool-II's user files cannot hold a name with \`:\` or white space`);
  if (/[\n\r\0]/.test(password)) throw new Error(`user ${name}: the password holds a line break or NUL, which Pgpool-II's user files cannot hold`);
  return `${name}:${secret}\n`;
}
