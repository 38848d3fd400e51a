// Where a client's next transaction runs. The proxy core asks this once per transaction (on its first
// message), and, when the chooser can, again at each statement inside an explicit transaction so reads before
// its first write run on a standby (routing rule 10). proxy/router/router-target-chooser.ts implements both on
// top of the per-statement query router.
import type { BackendState, BackendStates } from './backend-states.ts';
import { routeKey } from './proxy-stats.ts';

export interface RoutedMessage {
  /** The whole message (type byte, length, body) the transaction starts with. */
  readonly buf: Buffer;
  readonly off: number;
  readonly end: number;
  /** A Query's text, when the core already read it (it reads it for the pinning check). */
  readonly sql?: string;
}

export interface Target {
  backend: BackendState;
  /** Interned ProxyStats.routed key (see routeKey): route kind and node name. */
  routeKey: string;
  /** The primary's route (writes, and reads that must see them): it waits while no primary is up (primary-wait.ts). */
  primaryBound: boolean;
}

/** Where the next statement of an explicit transaction goes, and what the servers holding it need. */
export interface TransactionStep {
  target: Target;
  /** The BEGIN, with the transaction's modes, that a server joining the transaction runs first. */
  begin: string;
  /** The statement ends the transaction: every other server holding it ends its part with this. */
  endOthersWith?: 'COMMIT' | 'ROLLBACK';
}

export interface TargetChooser {
  chooseTarget(session: unknown, message: RoutedMessage): Target;
  /**
   * Routes a Query, Parse or Bind that starts a new request inside an explicit transaction. `status` is the
   * transaction status the current server reported last ('E': failed); `current` is that server's node.
   * Choosers that never split a transaction leave it out, and the transaction stays on one server.
   */
  routeInTransaction?(session: unknown, message: RoutedMessage, status: 'T' | 'E', current: BackendState): TransactionStep;
  /** The statements routed so far left the session inside an explicit transaction (before its server says so). */
  inTransaction?(session: unknown): boolean;
  /**
   * Takes over what `previous`, the chooser a reload replaces, knows about each session: a transaction in flight
   * must keep its modes (READ ONLY), its node and what it wrote, or its next statement would go elsewhere.
   */
  continueFrom?(previous: TargetChooser): void;
  /** Releases what the chooser holds open (the router's catalog connections): replaced by a reload, or stopped. */
  close?(): void;
}

/**
 * Everything to the primary. With one backend or load balancing off there is nothing to decide, and skipping
 * the router saves its per-transaction classification (a sizeable share of the proxy's cost per transaction).
 */
export class SingleBackendChooser implements TargetChooser {
  readonly #backends: BackendStates;
  #target: Target | null = null;

  constructor(backends: BackendStates) {
    this.#backends = backends;
  }

  chooseTarget(): Target {
    const backend = this.#backends.primary();
    if (this.#target?.backend !== backend) this.#target = { backend, routeKey: routeKey('primary', backend.config.name), primaryBound: true };
    return this.#target;
  }
}
