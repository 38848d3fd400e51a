// Records every step of an apply in the state backend as it happens, so the stored state always says exactly
// what was done — even when the process dies right after. Steps that arrive while a write is in flight are
// written together in the next one (group commit): each caller still resumes only once its step is durable,
// but a parallel apply of thousands of resources does not rewrite the state thousands of times.
import type { StateBackend } from '../state/state-backend.ts';
import type { State } from '../state/state-format.ts';

interface Step {
  change: (state: State) => State;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class StateRecorder {
  readonly #backend: StateBackend;
  #state: State;
  #waiting: Step[] = [];
  #writing = false;

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
    const done = new Promise<void>((resolve, reject) => this.#waiting.push({ change, resolve, reject }));
    if (!this.#writing) void this.#drain();
    return done;
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0);
      const next = { ...batch.reduce((state, step) => step.change(state), this.#state), serial: this.#state.serial + 1 };
      try {
        await this.#backend.write(next);
        this.#state = next;
        for (const step of batch) step.resolve();
      } catch (error) {
        for (const step of batch) step.reject(error);
      }
    }
    this.#writing = false;
  }
}
