// A login that has not finished within its deadline is closed, as PostgreSQL's authentication_timeout closes one:
// a client that connects and then says nothing must not keep a socket and a place under maxClientConnections.
// One timer serves every login in progress. A setTimeout per login cost ~1.5 % of a login's CPU (inserting into
// and removing from the timer list, perf profile of `pgbench -C`, 2026-12-03); a Map entry costs a fraction.
import type { ClientTransport } from '../io/client-transport.ts';

const MAX_SWEEP_INTERVAL_MS = 1000;

export class LoginDeadlines {
  readonly #timeoutMs: number;
  readonly #sweepIntervalMs: number;
  /** When each login began. A Map iterates in insertion order, which is start order: a sweep stops at the first young one. */
  readonly #startedAt = new Map<ClientTransport, number>();
  #timer: NodeJS.Timeout | null = null;

  /** A login is closed between timeoutMs and timeoutMs + one sweep interval after it began, never before. */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#sweepIntervalMs = Math.max(1, Math.min(MAX_SWEEP_INTERVAL_MS, Math.floor(timeoutMs / 4)));
  }

  begin(transport: ClientTransport): void {
    this.#startedAt.set(transport, Date.now());
    if (this.#timer === null) {
      this.#timer = setInterval(() => this.#sweep(), this.#sweepIntervalMs);
      this.#timer.unref();
    }
  }

  end(transport: ClientTransport): void {
    this.#startedAt.delete(transport);
  }

  get pending(): number {
    return this.#startedAt.size;
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#startedAt.clear();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [transport, startedAt] of this.#startedAt) {
      if (now - startedAt < this.#timeoutMs) break;
      this.#startedAt.delete(transport);
      transport.destroy();
    }
    // With no login in progress the timer goes; the next login starts it again (at most once per interval under churn).
    if (this.#startedAt.size === 0) this.stop();
  }
}
