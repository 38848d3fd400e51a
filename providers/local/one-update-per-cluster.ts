// The engine updates a cluster's members in parallel, but changing them is a rolling operation. Two PostgreSQL
// restarts at once take two members away (with sync replication, every synchronous standby and so every commit),
// and a primary's switchover re-points the standbys, which must not be restarting meanwhile. Two proxies restarted
// at once (a new worker count, metrics port, Pgpool-II pool size) leave clients no proxy to connect to; one at a
// time, the other keeps serving. So the local provider changes one instance and one proxy of a cluster at a time.
// One apply runs per topology (the state lock), so a queue inside this process is enough.
const queues = new Map<string, Promise<unknown>>();

export type ClusterMembers = 'postgres' | 'proxies';

/** Runs `work` after every earlier update of the cluster's `members` at `scope` has finished. */
export function oneUpdatePerCluster<T>(scope: string, members: ClusterMembers, work: () => Promise<T>): Promise<T> {
  const key = `${scope}\0${members}`;
  const earlier = queues.get(key) ?? Promise.resolve();
  const turn = earlier.catch(() => undefined).then(work);
  const settled = turn.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => { if (queues.get(key) === settled) queues.delete(key); });
  return turn;
}
