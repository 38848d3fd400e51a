// One worker thread as the supervisor holds it: the Worker, its pending requests, and when it is ready.
import { Worker } from 'node:worker_threads';
import { WORKER_RESOURCE_LIMITS } from '../young-generation.ts';
import { Replies, type FromWorker, type Reply, type ToWorker, type WithoutId, type WorkerData, type WorkerRequest } from './worker-messages.ts';

const ENTRY = new URL('./worker-entry.ts', import.meta.url);

export class WorkerThread {
  readonly index: number;
  readonly #worker: Worker;
  readonly #replies = new Replies();
  /** The port it listens on, once it does; rejects if it failed to start. */
  readonly ready: Promise<number>;
  /** Settles when the thread has ended, with its exit code. */
  readonly exited: Promise<number>;

  constructor(data: WorkerData, onMessage: (thread: WorkerThread, message: WorkerRequest) => void) {
    this.index = data.index;
    // The worker's young generation is bounded whatever flags node was started with (`pgtopo proxy` run by hand).
    this.#worker = new Worker(ENTRY, {
      workerData: data, name: `pgtopo-proxy-${data.index}`, resourceLimits: WORKER_RESOURCE_LIMITS,
    });
    this.ready = new Promise((resolve, reject) => {
      this.#worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve(message.port);
        else if (message.type === 'reply') this.#replies.settle(message);
        else onMessage(this, message);
      });
      this.#worker.once('error', reject);
      this.#worker.once('exit', (code) => reject(new Error(`worker ${data.index} exited with code ${code} before listening`)));
    });
    this.exited = new Promise((resolve) => this.#worker.once('exit', (code) => {
      this.#replies.abandon();
      resolve(code);
    }));
  }

  post(message: ToWorker): void {
    this.#worker.postMessage(message);
  }

  /** Asks the worker; an error reply is thrown (with its sqlstate). */
  async ask(request: WithoutId<ToWorker>): Promise<Reply['value']> {
    const reply = await this.#replies.send<ToWorker>((m) => this.post(m), request);
    if (reply.error) throw Object.assign(new Error(reply.error.message), { sqlstate: reply.error.sqlstate });
    return reply.value;
  }

  /** Ends the thread at once (a failed start). */
  terminate(): Promise<number> {
    return this.#worker.terminate();
  }
}
