// A worker thread's side of the supervisor (proxy/workers/supervisor.ts): what its ProxyServer uses instead of
// running things itself. Node states come from the supervisor's one health check and failover (adopted, and
// adopted again after a reload re-read the backends); node commands and backend errors go to it; cancel keys of
// other workers, SHOW over all workers, RELOAD and PAUSE/RESUME are relayed through it. Server-connection limits
// are shared directly (SharedPoolLimits).
import type { MessagePort } from 'node:worker_threads';
import type { BackendStates, NodeVerdict } from '../backend-states.ts';
import type { CancelRoute } from '../cancel.ts';
import { NodeControlError, type NodeControl } from '../failover/failover-manager.ts';
import type { ResultSet } from '../admin/admin-commands.ts';
import type { WorkerViews } from '../proxy-context.ts';
import { SharedPoolLimits } from './shared-pool-limits.ts';
import { Replies, type FromWorker, type NodeCommand, type Reply, type WithoutId, type WorkerData } from './worker-messages.ts';

export class WorkerLink {
  readonly index: number;
  readonly workers: number;
  /** The port to listen on (SO_REUSEPORT with the other workers). */
  readonly port: number;
  readonly limits: SharedPoolLimits;
  readonly #parent: MessagePort;
  readonly #replies = new Replies();
  #verdicts: NodeVerdict[];
  #backends: BackendStates | null = null;

  constructor(parent: MessagePort, data: WorkerData) {
    this.#parent = parent;
    this.index = data.index;
    this.workers = data.workers;
    this.port = data.port;
    this.#verdicts = data.verdicts;
    this.limits = new SharedPoolLimits(data.counters, data.poolChannel, data.workers);
  }

  post(message: FromWorker): void {
    this.#parent.postMessage(message);
  }

  settle(reply: Reply): void {
    this.#replies.settle(reply);
  }

  async #ask(request: WithoutId<FromWorker>): Promise<Reply['value']> {
    const reply = await this.#replies.send<FromWorker>((m) => this.post(m), request);
    if (reply.error) throw new NodeControlError(reply.error.sqlstate, reply.error.message);
    return reply.value;
  }

  /** This worker's backends take the supervisor's verdicts, now and whenever they change. */
  follow(backends: BackendStates): void {
    this.#backends = backends;
    backends.adopt(this.#verdicts);
  }

  adopt(verdicts: NodeVerdict[]): void {
    this.#verdicts = verdicts;
    this.#backends?.adopt(verdicts);
  }

  /** After this worker's reload replaced its backends from the config: the verdicts again. */
  readopt(): void {
    this.#backends?.adopt(this.#verdicts);
  }

  get cancelRoute(): CancelRoute {
    return {
      index: this.index,
      workers: this.workers,
      forward: (owner, pid, secret) => this.post({ type: 'cancel', owner, pid, secret }),
    };
  }

  /** DETACH/ATTACH/PROMOTE NODE and backend errors, run by the supervisor's failover. */
  get nodeControl(): NodeControl {
    const command = (name: NodeCommand) => async (nodeId: string): Promise<void> => {
      await this.#ask({ type: 'node', command: name, nodeId });
    };
    return {
      detach: command('detach'),
      attach: command('attach'),
      promote: command('promote'),
      backendError: (nodeId) => this.post({ type: 'backend-error', nodeId }),
      // The supervisor's counts are in /metrics; a worker promotes nothing itself.
      failovers: 0,
      refusedFailovers: 0,
    };
  }

  get views(): WorkerViews {
    return {
      index: this.index,
      gather: async (name) => (await this.#ask({ type: 'gather', name })) as ResultSet[],
      everywhere: async (command) => {
        await this.#ask({ type: 'admin-all', command });
      },
    };
  }

  /** RELOAD on the admin console: the supervisor and every worker re-read the config. */
  async reloadAll(): Promise<void> {
    await this.#ask({ type: 'reload-all' });
  }

  close(): void {
    this.limits.close();
  }
}
