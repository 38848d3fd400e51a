// Where a client's next transaction runs. The proxy core asks this once per transaction (on its first
// message); proxy/router/router-target-chooser.ts implements it on top of the per-statement query router.
import type { BackendState, BackendStates } from './backend-states.ts';
import { routeKey } from './proxy-stats.ts';

export interface RoutedMessage {
  /** The whole message (type byte, length, body) the transaction starts with. */
  readonly buf: Buffer;
  readonly off: number;
  readonly end: number;
}

export interface Target {
  backend: BackendState;
  /** Interned ProxyStats.routed key (see routeKey): route kind and node name. */
  routeKey: string;
}

export interface TargetChooser {
  chooseTarget(session: unknown, message: RoutedMessage): Target;
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
    if (this.#target?.backend !== backend) this.#target = { backend, routeKey: routeKey('primary', backend.config.name) };
    return this.#target;
  }
}
