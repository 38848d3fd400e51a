// Setup file of the unit project: a unit test must not start PostgreSQL, PgBouncer, Pgpool-II or pgtopo. Starting
// one throws, naming the test kinds' rule (test-kinds.ts), instead of a fast suite quietly growing slow and
// dependent on installed servers. Asking a binary its version is not starting it.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const SERVERS = new Set(['postgres', 'pg_ctl', 'initdb', 'pg_basebackup', 'pg_rewind', 'pgbouncer', 'pgpool', 'pgbench', 'psql']);
const VERSION_ONLY = new Set(['--version', '-V']);

export function startsServer(command: string, args: readonly string[]): boolean {
  if (args.some((arg) => arg.endsWith('bin/pgtopo'))) return true;
  return SERVERS.has(basename(command)) && !(args.length === 1 && VERSION_ONLY.has(args[0]!));
}

const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) {
  const original = childProcess[name] as (command: string, ...rest: unknown[]) => unknown;
  childProcess[name] = (command: string, ...rest: unknown[]): unknown => {
    const args = Array.isArray(rest[0]) ? (rest[0] as string[]) : [];
    if (startsServer(command, args)) {
      throw new Error(`a unit test started ${basename(command)} ${args.join(' ')}: tests that start processes belong to the `
        + 'integration project (test/support/test-kinds.ts decides by imports; import the helper that starts it)');
    }
    return original(command, ...rest);
  };
}
syncBuiltinESMExports();
