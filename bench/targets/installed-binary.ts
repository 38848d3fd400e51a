// Finds a third-party server binary the benchmark compares against. The harness installs nothing: a
// missing binary turns into the package to install, and the target is skipped.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

export interface InstalledBinary {
  path?: string;
  /** Set when the binary is missing: which Debian package provides it. */
  missingReason?: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks in /usr/sbin (where Debian puts both poolers), then on PATH. */
export function findInstalledBinary(name: string, debianPackage: string): InstalledBinary {
  const dirs = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  const path = dirs.map((dir) => join(dir, name)).find(isExecutable);
  if (path) return { path };
  return { missingReason: `${name} is not installed (Debian/Ubuntu: \`apt-get install ${debianPackage}\`)` };
}

/** First line of `<binary> --version`, whichever stream it is printed on (Pgpool-II uses stderr). */
export function binaryVersion(path: string): string | undefined {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const out = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim();
  return out.split('\n')[0].trim() || undefined;
}
