// Pgpool-II 4.3 (Debian 12's) segfaults while it looks for the primary at start when a node it counts as up is
// unreachable and another node is a primary, with detach_false_primary on (fixed in 4.4.7 and 4.5.2): a restart
// while one standby is down, or a start during someone else's failover, never comes up. Started with a status
// file that marks the unreachable nodes down (and without -D, which would discard it), it leaves them out, and
// auto_failback attaches a standby again once the primary sees it stream. A Pgpool-II that promotes marks them down
// only when a primary answers: an unreachable node with no primary in sight may be the primary that just died, and
// Pgpool-II promotes only for a node it saw fail, so that one must count as up. One that does not promote marks them
// down in any case, since another proxy's promotion during its start is what would crash it.

/** What a node answered just before Pgpool-II starts. */
export type NodeAtStart = 'primary' | 'standby' | 'unreachable';

/** Where Pgpool-II reads and writes node states: `<logdir>/pgpool_status`. */
export const PGPOOL_STATUS_FILE = 'pgpool_status';

/**
 * The status file to start Pgpool-II with, one line per backend number (`backend_hostname<id>`), or null: start it
 * with -D.
 */
export function pgpoolStartStatus(nodes: ReadonlyMap<number, NodeAtStart>, promotes: boolean): string | null {
  const states = [...nodes.values()];
  if (!states.includes('unreachable') || (promotes && !states.includes('primary'))) return null;
  const lines = Array.from({ length: Math.max(...nodes.keys()) + 1 }, (_, id) => {
    const node = nodes.get(id);
    return node === undefined ? 'unused' : node === 'unreachable' ? 'down' : 'up';
  });
  return `${lines.join('\n')}\n`;
}
