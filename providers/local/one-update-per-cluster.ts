// The engine updates a cluster's standbys in parallel, but changing PostgreSQL instances is a rolling operation:
// two restarts at once take two members away (with sync replication, every synchronous standby and so every
// commit), and a primary's switchover re-points the standbys, which must not be restarting meanwhile. So the
// local provider changes one instance of a cluster at a time. One apply runs per topology (the state lock), so
// a lock inside this process is enough.
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier update of the cluster at `scope` has finished. */
export function oneUpdatePerCluster<T>(scope: string, work: () => Promise<T>): Promise<T> {
  const earlier = queues.get(scope) ?? Promise.resolve();
  const turn = earlier.catch(() => undefined).then(work);
  const settled = turn.catch(() => undefined);
  queues.set(scope, settled);
  void settled.then(() => { if (queues.get(scope) === settled) queues.delete(scope); });
  return turn;
}
