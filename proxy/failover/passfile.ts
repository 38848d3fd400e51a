// libpq password files (PGPASSFILE, `passfile=` in a conninfo): the one way to hand libpq a password without putting
// it on a command line, in the environment or in a configuration file others read.

/** A field of a libpq password file; Pgpool-II's PCPPASSFILE reads fields alike. */
export function escapePassfileField(field: string): string {
  // libpq reads one entry per line and has no escape for a line break: a password holding one would add an entry.
  if (/[\n\r]/.test(field)) throw new Error('a password file entry cannot hold a line break (check the password)');
  return field.replaceAll('\\', '\\\\').replaceAll(':', '\\:');
}

/**
 * One entry for `user` on any port and database (replication included) of `host` (`*`: any host). Any port because
 * after a failover a standby is re-pointed at another instance of the same cluster, whose credentials are the same,
 * and must log in there without this file being rewritten first.
 */
export function renderPassfile(host: string, user: string, password: string): string {
  return `${[host, '*', '*', user, password].map(escapePassfileField).join(':')}\n`;
}
