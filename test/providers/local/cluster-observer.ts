// What a local cluster's instances say about themselves, asked directly over their private sockets: which are out
// of recovery, whether the cluster has converged, and a sampler that catches two writable primaries at once (a
// switchover leaves the old primary out of recovery but fenced read-only until it is rebuilt as a standby).
import { membershipOf, scanCluster, type ClusterMember } from '../../../providers/local/cluster-members.ts';
import { queryInstance } from '../../../providers/local/instance-sql.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function clusterMembers(scope: string): ClusterMember[] {
  return scanCluster(scope, findPgBinaries(), resolveDbOsUser()).members;
}

/** Runs `sql` on the named instance itself, not through a proxy that may balance a read to a lagging standby. */
export async function queryMember<T extends Record<string, unknown>>(scope: string, name: string, sql: string): Promise<T[]> {
  const member = clusterMembers(scope).find((candidate) => candidate.instance.name === name);
  if (!member) throw new Error(`no instance ${name} in ${scope}`);
  return queryInstance<T>(member.instance, sql);
}

/** The names of the instances out of recovery right now; one that does not answer counts as in recovery. */
export function outOfRecovery(scope: string): Promise<string[]> {
  return instancesWhere(scope, 'NOT pg_is_in_recovery()');
}

/** The names of the instances out of recovery that take writes by default (not fenced by a switchover). */
export function writablePrimaries(scope: string): Promise<string[]> {
  return instancesWhere(scope, "NOT pg_is_in_recovery() AND NOT current_setting('default_transaction_read_only')::bool");
}

async function instancesWhere(scope: string, condition: string): Promise<string[]> {
  const answers = await Promise.all(clusterMembers(scope).map(async (member) => {
    const rows = await queryInstance<{ yes: boolean }>(member.instance, `SELECT ${condition} AS yes`).catch(() => [{ yes: false }]);
    return rows[0]!.yes ? [member.instance.name] : [];
  }));
  return answers.flat();
}

/** The primary's name when exactly one instance is out of recovery and every instance runs in sync with it. */
export async function convergedPrimary(scope: string): Promise<string | undefined> {
  const scan = scanCluster(scope, findPgBinaries(), resolveDbOsUser());
  const primaries = await outOfRecovery(scope);
  const synced = scan.members.every((member) => member.running && membershipOf(member, scan) === 'in-sync');
  return primaries.length === 1 && synced && scan.primary?.instance.name === primaries[0] ? primaries[0] : undefined;
}

export async function waitConverged(scope: string, what: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const primary = await convergedPrimary(scope);
    if (primary) return primary;
    if (Date.now() > deadline) {
      const members = clusterMembers(scope).map((m) => `${m.instance.name} running=${m.running} standby=${m.standby} fenced=${m.fenced}`);
      throw new Error(`no convergence ${what} within ${timeoutMs} ms: ${members.join('; ')}`);
    }
    await sleep(100);
  }
}

/** Samples every instance every 50 ms until stopped; returns the samples in which more than one took writes. */
export function doublePrimarySampler(scope: string): { stop: () => Promise<string[][]> } {
  const doubles: string[][] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const primaries = await writablePrimaries(scope);
      if (primaries.length > 1) doubles.push(primaries);
      await sleep(50);
    }
  })();
  return { stop: async () => { running = false; await loop; return doubles; } };
}
