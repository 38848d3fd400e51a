// What the supervisor (the main thread, proxy/workers/supervisor.ts) and its worker threads tell each other.
// Requests carry an id; the answer is a `reply` with the same id (Replies below matches them).
import type { NodeVerdict } from '../backend-states.ts';
import type { ResultSet } from '../admin/admin-commands.ts';
import type { ProxyConfig } from '../proxy-config.ts';
import type { WorkerMetrics } from './aggregated-metrics.ts';

/** What every worker thread starts with (workerData). */
export interface WorkerData {
  index: number;
  workers: number;
  /**
   * The supervisor's config: workers never read the source themselves, so all of them run one version of it
   * (an `ssm:` parameter or a file may change between two reads) and a reload costs one read, not one per worker.
   */
  config: ProxyConfig;
  /** The port to listen on: the config's, or the one the first worker got for port 0. */
  port: number;
  counters: SharedArrayBuffer;
  poolChannel: string;
  verdicts: NodeVerdict[];
}

export type NodeCommand = 'detach' | 'attach' | 'promote';

/** Supervisor → worker. */
export type ToWorker =
  | { type: 'verdicts'; verdicts: NodeVerdict[] }
  | { type: 'drop-idle'; nodeId: string }
  | { type: 'cancel'; pid: number; secret: number }
  | { type: 'reload'; id: number; config: ProxyConfig }
  | { type: 'admin'; id: number; command: 'pause' | 'resume' }
  | { type: 'show'; id: number; name: string }
  | { type: 'metrics'; id: number }
  | { type: 'stop' }
  | Reply;

/** Worker → supervisor. */
export type FromWorker =
  | { type: 'ready'; port: number }
  | { type: 'backend-error'; nodeId: string }
  | { type: 'cancel'; owner: number; pid: number; secret: number }
  | { type: 'node'; id: number; command: NodeCommand; nodeId: string }
  | { type: 'gather'; id: number; name: string }
  | { type: 'reload-all'; id: number }
  | { type: 'admin-all'; id: number; command: 'pause' | 'resume' }
  | Reply;

/** What a worker asks or tells the supervisor (answers and readiness are handled by WorkerThread). */
export type WorkerRequest = Exclude<FromWorker, Reply | { type: 'ready' }>;

export interface Reply {
  type: 'reply';
  id: number;
  value?: ResultSet | ResultSet[] | WorkerMetrics;
  error?: { sqlstate: string; message: string };
}

/** A request as its sender writes it: Replies adds the id. */
export type WithoutId<T> = T extends { id: number } ? Omit<T, 'id'> : never;

/** Pending requests to one peer, settled by its replies. */
export class Replies {
  #next = 1;
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void }>();

  send<M>(post: (message: M) => void, request: WithoutId<M>): Promise<Reply> {
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve });
      post({ ...request, id } as M);
    });
  }

  settle(reply: Reply): void {
    this.#pending.get(reply.id)?.resolve(reply);
    this.#pending.delete(reply.id);
  }

  /** The peer is gone: its answers never come. */
  abandon(): void {
    for (const [id, { resolve }] of this.#pending) resolve({ type: 'reply', id, error: { sqlstate: '57P01', message: 'worker exited' } });
    this.#pending.clear();
  }
}
