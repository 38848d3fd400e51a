// The PostgreSQL binaries and the OS user the local provider runs databases with, found once per process and
// only when first needed, so plans of non-local clusters never look for PostgreSQL.
import { findPgBinaries, type PgBinaries } from './pg-binaries.ts';
import { resolveDbOsUser, type DbOsUser } from './os-user.ts';
import type { ProviderContext } from '../provider.ts';

export interface LocalRuntime {
  binaries: PgBinaries;
  user: DbOsUser;
}

let runtime: LocalRuntime | undefined;
let rootNoticeGiven = false;

export function localRuntime(): LocalRuntime {
  runtime ??= { binaries: findPgBinaries(), user: resolveDbOsUser() };
  return runtime;
}

/** Says once per run that database processes switch user, so nobody wonders why `ps` shows `postgres`. */
export function noteRootOnce(context: ProviderContext): void {
  const { user } = localRuntime();
  if (!user.isRoot || rootNoticeGiven) return;
  rootNoticeGiven = true;
  context.note(`pgtopo runs as root and PostgreSQL refuses root: database processes run as the OS user ${user.name} (uid ${user.uid})`);
}

export function describeBinaries(binaries: PgBinaries): string {
  return `PostgreSQL ${binaries.version} from ${binaries.binDir} (${binaries.source})`;
}
