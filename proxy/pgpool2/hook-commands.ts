// How Pgpool-II runs pgtopo's failover hooks (render-failover-script.ts, render-follow-primary-script.ts): the
// scripts' names and the command lines that hand each the arguments it reads. Every provider that writes the
// scripts names them through these, so a script and the placeholders it is called with cannot drift apart.
import { join } from 'node:path';

export const FAILOVER_SCRIPT = 'failover.sh';
export const FOLLOW_PRIMARY_SCRIPT = 'follow-primary.sh';

// The path goes in double quotes in the command Pgpool-II hands the shell, so it may hold spaces but none of the
// characters the shell still expands there.
const UNQUOTABLE = /["$`\\]/;

/** Whether scripts in `dir` can be named in a hook command. */
export function quotableHookDir(dir: string): boolean {
  return !UNQUOTABLE.test(dir);
}

/** failover_command: the failed node's id and the old primary's (`%d %P`). */
export function failoverHookCommand(dir: string): string {
  return `"${join(dir, FAILOVER_SCRIPT)}" %d %P`;
}

/** follow_primary_command: the node, the new primary's host and port, the old primary's id (`%d %H %r %P`). */
export function followPrimaryHookCommand(dir: string): string {
  return `"${join(dir, FOLLOW_PRIMARY_SCRIPT)}" %d %H %r %P`;
}
