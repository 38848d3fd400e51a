// Which postgresql.conf settings take effect only when the server starts, so the plan can say that changing them
// means a (rolling) restart. PostgreSQL's own list, from the binaries the cluster runs: `postgres
// --describe-config` prints every setting with its context, and `postmaster` is the one that needs a restart.
import { execFileSync } from 'node:child_process';
import type { AttributeValue } from '../provider.ts';
import { localRuntime } from './local-runtime.ts';

let startOnly: ReadonlySet<string> | undefined;

function startOnlySettings(): ReadonlySet<string> {
  if (startOnly) return startOnly;
  try {
    const described = execFileSync(localRuntime().binaries.tool('postgres'), ['--describe-config'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    startOnly = new Set(described.split('\n').map((line) => line.split('\t'))
      .filter((fields) => fields[1] === 'postmaster').map((fields) => fields[0]!.toLowerCase()));
  } catch {
    // Binaries that cannot describe their settings: the plan does not claim a restart; the apply still finds out.
    startOnly = new Set();
  }
  return startOnly;
}

/** The settings set, changed or removed between `before` and `after` that only a restart applies. */
export function settingsNeedingRestart(before: AttributeValue | undefined, after: AttributeValue | undefined): string[] {
  const old = asSettings(before);
  const next = asSettings(after);
  const changed = [...new Set([...Object.keys(old), ...Object.keys(next)])]
    .filter((name) => JSON.stringify(old[name]) !== JSON.stringify(next[name]));
  return changed.filter((name) => startOnlySettings().has(name.toLowerCase()));
}

function asSettings(value: AttributeValue | undefined): Record<string, AttributeValue> {
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, AttributeValue> : {};
}
