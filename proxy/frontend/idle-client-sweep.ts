// pool.clientIdleTimeoutMs, PgBouncer's client_idle_timeout and PostgreSQL's idle_session_timeout: a client that
// waits outside a transaction for longer than the timeout is told FATAL 57P05 and closed. A client idle inside a
// transaction is left alone (that would be idle_in_transaction_session_timeout). One timer sweeps all clients and
// the data path only sets a flag per read, so the timeout costs an active client nothing per message.
import type { ClientView } from '../proxy-context.ts';

const MAX_SWEEP_INTERVAL_MS = 1000;
const MIN_SWEEP_INTERVAL_MS = 10;

export class IdleClientSweep {
  readonly #clients: ReadonlySet<ClientView>;
  /** When a sweep first found the client idle with no input since the sweep before: idle at least since then. */
  readonly #idleSince = new WeakMap<ClientView, number>();
  #timeoutMs = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(clients: ReadonlySet<ClientView>) {
    this.#clients = clients;
  }

  /** Applies the (re)loaded timeout; 0 stops sweeping. */
  configure(timeoutMs: number): void {
    if (timeoutMs === this.#timeoutMs) return;
    this.stop();
    this.#timeoutMs = timeoutMs;
    if (timeoutMs === 0) return;
    // A client is closed between timeoutMs and timeoutMs + two intervals after it went idle, never before.
    const interval = Math.min(MAX_SWEEP_INTERVAL_MS, Math.max(MIN_SWEEP_INTERVAL_MS, Math.floor(timeoutMs / 4)));
    this.#timer = setInterval(() => this.#sweep(), interval);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#timeoutMs = 0;
  }

  #sweep(): void {
    const now = Date.now();
    for (const client of this.#clients) {
      if (client.inputSeen || !client.idleOutsideTransaction) {
        client.inputSeen = false;
        this.#idleSince.delete(client);
        continue;
      }
      const since = this.#idleSince.get(client);
      if (since === undefined) this.#idleSince.set(client, now);
      else if (now - since >= this.#timeoutMs) client.terminate('57P05', 'terminating connection due to idle-session timeout');
    }
  }
}
