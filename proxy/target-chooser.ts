// Where a client's next transaction runs. The proxy core asks this once per transaction (on its first
// message); proxy/router decides per statement, this adapter reduces that to a backend for the pool.
import type { BackendStates, BackendState } from './backend-states.ts';

export interface RoutedMessage {
  /** The whole message (type byte, length, body) the transaction starts with. */
  readonly buf: Buffer;
  readonly off: number;
  readonly end: number;
}

export interface TargetChooser {
  chooseTarget(session: unknown, message: RoutedMessage): { backend: BackendState; route: string };
}

/** Every transaction to the primary: correct for any statement, balances nothing. */
export class PrimaryOnlyChooser implements TargetChooser {
  readonly #backends: BackendStates;

  constructor(backends: BackendStates) {
    this.#backends = backends;
  }

  chooseTarget(): { backend: BackendState; route: string } {
    return { backend: this.#backends.primary(), route: 'primary' };
  }
}
