// Before a plan reads any secret: every `fromEnv` and `fromFile` the topology names, checked at once, so a user
// missing three variables learns of all three, each at its line, instead of one per run.
import { byPosition, formatDiagnostics, type Diagnostic } from '../topology/diagnostic.ts';
import type { LoadedTopology } from '../topology/load-topology.ts';
import { secretReferenceSites } from '../topology/secret-references.ts';
import type { SecretResolver } from './secret-resolver.ts';

/** `state`: only what opening the state backend reads (every command); `all`: what a plan reads as well. */
export type SecretScope = 'state' | 'all';

export function unreadableSecrets(loaded: LoadedTopology, secrets: SecretResolver, scope: SecretScope): Diagnostic[] {
  const seen = new Set<string>();
  const findings: Diagnostic[] = [];
  for (const { path, reference, cluster } of secretReferenceSites(loaded.topology)) {
    if (scope === 'state' && cluster) continue;
    const dotted = path.join('.');
    if (seen.has(dotted)) continue;
    seen.add(dotted);
    const problem = secrets.unavailable(reference);
    if (!problem) continue;
    const { line, column } = loaded.locate([...path, problem.key]);
    findings.push({ severity: 'error', file: loaded.file, line, column, path: `${dotted}.${problem.key}`, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) });
  }
  return findings.sort(byPosition);
}

/** Throws one error naming every secret that cannot be read. */
export function assertSecretsReadable(loaded: LoadedTopology, secrets: SecretResolver, scope: SecretScope): void {
  const findings = unreadableSecrets(loaded, secrets, scope);
  if (findings.length === 0) return;
  const count = findings.length === 1 ? 'a secret' : `${findings.length} secrets`;
  throw new Error(`${count} of ${loaded.file} cannot be read:\n${formatDiagnostics(findings)}`);
}
