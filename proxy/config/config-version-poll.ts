// Applies a new version of a polled config source (an SSM parameter) the way SIGHUP applies an edited file:
// `reload` re-reads it, keeps every client connected, and logs the settings that need a restart (proxy/server.ts).
import type { Logger } from '../log.ts';

export interface PolledSource {
  readonly name: string;
  changed(): Promise<boolean>;
}

/** How often a proxy started from an SSM parameter asks for its Version, unless --poll-interval says otherwise. */
export const CONFIG_POLL_MS = 30_000;

export class ConfigVersionPoll {
  readonly #timer: NodeJS.Timeout;
  #polling = false;

  constructor(source: PolledSource, intervalMs: number, reload: () => Promise<void>, log: Logger) {
    this.#timer = setInterval(() => {
      if (this.#polling) return; // a slow answer or reload is still on its way
      this.#polling = true;
      source.changed()
        .then((changed) => (changed ? reload() : undefined))
        .catch((error: Error) => log.error('config poll failed; keeping the current configuration', { source: source.name, error: error.message }))
        .finally(() => {
          this.#polling = false;
        });
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
