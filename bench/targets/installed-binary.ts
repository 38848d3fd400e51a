// Finds a third-party server binary the benchmark compares against. The harness installs nothing: a
// missing binary turns into the package to install, and the target is skipped.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';
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

/** First line of `<binary> --version`, whichever stream it is printed on. */
export function binaryVersion(path: string): string | undefined {
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n')[0].trim() || undefined;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    return stderr.split('\n')[0].trim() || undefined;
  }
}
