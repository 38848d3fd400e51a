// Records every step of an apply in the state backend as it happens, one write at a time in order, so the
// stored state always says exactly what was done — even when the process dies right after.
import type { StateBackend } from '../state/state-backend.ts';
import type { State } from '../state/state-format.ts';

export class StateRecorder {
  readonly #backend: StateBackend;
  #state: State;
  #queue: Promise<void> = Promise.resolve();

  /** `state.serial` must be the stored serial (or 0 for a state never written). */
  constructor(backend: StateBackend, state: State) {
    this.#backend = backend;
    this.#state = state;
  }

  current(): State {
    return this.#state;
  }

  /** Applies `change` and writes the result; resolves once it is durable. */
  record(change: (state: State) => State): Promise<void> {
    const write = this.#queue.then(async () => {
      const next = { ...change(this.#state), serial: this.#state.serial + 1 };
      await this.#backend.write(next);
      this.#state = next;
    });
    this.#queue = write.catch(() => {});
    return write;
  }
}
