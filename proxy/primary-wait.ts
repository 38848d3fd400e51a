// Primary-bound work that arrives while no primary is up (BackendStates.primaryPending: the primary was lost and a
// standby's promotion is pending, or the primary is unreachable) waits here instead of going to a standby, which
// would answer 25006 (read-only transaction), an error clients do not retry. It runs on the new primary as soon as
// one is up; after the failover timeout (failover.promoteTimeoutMs) the client gets FATAL 08006, the class of a
// lost connection, which is what clients retry on, and the same error a client whose server was on the lost node
// gets. With failover off nothing will be promoted: the error comes at once.
import type { BackendStates } from './backend-states.ts';
import type { FailoverConfig } from './failover/failover-config.ts';

export interface PrimaryWaiter {
  /** A primary is up: route the held work again. */
  primaryUp(): void;
  /** No primary came up within the bound. */
  primaryWaitTimedOut(sqlstate: string, message: string): void;
}

export class PrimaryWait {
  readonly #backends: BackendStates;
  readonly #failover: () => FailoverConfig;
  readonly #waiters = new Map<PrimaryWaiter, NodeJS.Timeout>();
  #wakeQueued = false;

  /** `failover`: the current config's section (it changes on reload). */
  constructor(backends: BackendStates, failover: () => FailoverConfig) {
    this.#backends = backends;
    this.#failover = failover;
    // After the change that is being made, not inside it: a health check updates nodes one after another.
    backends.onChange(() => {
      if (this.#waiters.size === 0 || this.#wakeQueued) return;
      this.#wakeQueued = true;
      queueMicrotask(() => this.#wake());
    });
  }

  hold(waiter: PrimaryWaiter): void {
    const { enabled, promoteTimeoutMs: ms } = this.#failover();
    if (!enabled) {
      waiter.primaryWaitTimedOut('08006', 'no primary is up, and failover is off for this proxy');
      return;
    }
    const timer = setTimeout(() => {
      this.#waiters.delete(waiter);
      waiter.primaryWaitTimedOut('08006', `no primary is up: the failover did not finish within ${ms} ms`);
    }, ms);
    this.#waiters.set(waiter, timer);
  }

  /** The waiter left (its client disconnected). */
  cancel(waiter: PrimaryWaiter): void {
    clearTimeout(this.#waiters.get(waiter));
    this.#waiters.delete(waiter);
  }

  #wake(): void {
    this.#wakeQueued = false;
    if (this.#backends.primaryPending) return;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const [waiter, timer] of waiters) {
      clearTimeout(timer);
      waiter.primaryUp();
    }
  }
}
