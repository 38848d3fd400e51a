// Where a client's next transaction runs. The proxy core asks this once per transaction (on its first
// message); proxy/router decides per statement, this adapter reduces that to a backend for the pool.
import type { BackendStates, BackendState } from './backend-states.ts';
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

/** Every transaction to the primary: correct for any statement, balances nothing. */
export class PrimaryOnlyChooser implements TargetChooser {
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
