// Re-resolves each backend's host name when its DNS answer runs out and tells when the name no longer points where
// it did: after an Aurora or RDS failover the writer endpoint's record moves to the new writer, and the servers
// pooled to the old address must go (proxy/server.ts retires them). Literal addresses are never checked again.
import type { Logger } from '../log.ts';
import type { BackendConfig } from '../proxy-config.ts';
import type { BackendAddressResolver, HostAnswer } from './backend-address-resolver.ts';

/** A record with TTL 0 (or one that just expired) is asked again no sooner than this. */
const MIN_RECHECK_MS = 1000;
/** Names the system lookup answered (no TTL known): how often they are looked up again. */
const LOOKUP_RECHECK_MS = 30_000;

/** `host` now has `addresses`; some address it had before is not among them. */
export type AddressesMoved = (host: string, addresses: readonly string[]) => void;

export class BackendAddressWatch {
  readonly #resolver: BackendAddressResolver;
  readonly #moved: AddressesMoved;
  readonly #log: Logger;
  /** The next check of each watched name; null while one is on its way, or for a literal (never checked again). */
  readonly #timers = new Map<string, NodeJS.Timeout | null>();

  constructor(resolver: BackendAddressResolver, moved: AddressesMoved, log: Logger) {
    this.#resolver = resolver;
    this.#moved = moved;
    this.#log = log;
  }

  /** Watches the host names of `backends` (start and reload); names no longer configured are dropped. */
  watch(backends: readonly BackendConfig[]): void {
    const hosts = new Set(backends.map((backend) => backend.host));
    for (const [host, timer] of this.#timers) {
      if (hosts.has(host)) continue;
      if (timer !== null) clearTimeout(timer);
      this.#timers.delete(host);
    }
    for (const host of hosts) if (!this.#timers.has(host)) this.#check(host);
  }

  stop(): void {
    for (const timer of this.#timers.values()) if (timer !== null) clearTimeout(timer);
    this.#timers.clear();
  }

  #check(host: string): void {
    const before = this.#resolver.lastAnswer(host);
    this.#timers.set(host, null);
    this.#resolver.refresh(host).then(
      (answer) => {
        if (before !== undefined && before.addresses.some((address) => !answer.addresses.includes(address))) {
          this.#log.info('backend host name points elsewhere', { host, was: before.addresses, now: answer.addresses });
          this.#moved(host, answer.addresses);
        }
        this.#schedule(host, answer);
      },
      (error: Error) => {
        this.#log.warn('cannot re-resolve backend host name; keeping its connections', { host, error: error.message });
        this.#schedule(host, before);
      },
    );
  }

  #schedule(host: string, answer: HostAnswer | undefined): void {
    if (!this.#timers.has(host) || answer?.expiresAt === Infinity) return; // dropped meanwhile, or a literal
    const wait = answer?.fromDns === true ? Math.max(MIN_RECHECK_MS, answer.expiresAt - Date.now()) : LOOKUP_RECHECK_MS;
    const timer = setTimeout(() => this.#check(host), wait);
    timer.unref();
    this.#timers.set(host, timer);
  }
}
