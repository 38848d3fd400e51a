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
    .map((user) => `${user.name}:${mask ? MASKED : `TEXT${user.password}`}\n`)
    .join('');
}
