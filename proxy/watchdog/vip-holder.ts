// Drives a VIP driver towards what the election wants: hold the VIP while in charge, not otherwise. One driver
// call at a time; a release always runs under releaseTimeoutMs (the takeover delay counts on it), an acquire is
// cut short as soon as the member stops being in charge. Failed calls are retried at the next want().
import type { Logger } from '../log.ts';
import type { VipDriver } from './vip/vip-driver.ts';

export type VipState = 'released' | 'acquiring' | 'held' | 'releasing';

export interface VipHolderEvents {
  acquired(): void;
  released(): void;
}

export class VipHolder {
  readonly driver: VipDriver;
  readonly #releaseTimeoutMs: number;
  readonly #log: Logger;
  readonly #events: VipHolderEvents;
  // Unknown at start (an earlier process of this member may have left the VIP behind), so not 'released': the first
  // want(false) releases, to be sure. Unless other members share this host: then a VIP found here may be the live
  // leader's, and releasing it would take it from under the leader (the local provider runs every member on one host).
  #state: VipState;
  #wanted = false;
  #acquire: AbortController | null = null;
  #running: Promise<void> | null = null;

  constructor(driver: VipDriver, releaseTimeoutMs: number, log: Logger, events: VipHolderEvents, sharedHost = false) {
    this.#state = sharedHost ? 'released' : 'releasing';
    this.driver = driver;
    this.#releaseTimeoutMs = releaseTimeoutMs;
    this.#log = log;
    this.#events = events;
  }

  get state(): VipState {
    return this.#state;
  }

  get holds(): boolean {
    return this.#state === 'held';
  }

  want(hold: boolean): void {
    this.#wanted = hold;
    if (!hold) this.#acquire?.abort(new Error('no longer in charge'));
    this.#running ??= this.#converge().finally(() => {
      this.#running = null;
    });
  }

  /** Releases (bounded by releaseTimeoutMs) and waits for it: for shutdown. */
  async releaseNow(): Promise<void> {
    this.want(false);
    while (this.#running) await this.#running;
  }

  async #converge(): Promise<void> {
    while ((this.#wanted && this.#state !== 'held') || (!this.#wanted && this.#state !== 'released')) {
      const ok = this.#wanted ? await this.#acquireOnce() : await this.#releaseOnce();
      if (!ok) return;
    }
  }

  async #acquireOnce(): Promise<boolean> {
    this.#state = 'acquiring';
    this.#acquire = new AbortController();
    try {
      await this.driver.acquire(this.#acquire.signal);
      this.#state = 'held';
      this.#log.info('watchdog: VIP acquired', { vip: this.driver.describe() });
      this.#events.acquired();
      return true;
    } catch (error) {
      // Part of it may have happened (the address added, the ARP not sent), so the state is not 'released': a member
      // no longer in charge goes on to release, one still in charge retries the (idempotent) acquire at its next want().
      this.#state = 'releasing';
      this.#log.error('watchdog: VIP acquire failed', { vip: this.driver.describe(), error: (error as Error).message });
      return !this.#wanted;
    } finally {
      this.#acquire = null;
    }
  }

  async #releaseOnce(): Promise<boolean> {
    this.#state = 'releasing';
    try {
      await this.driver.release(AbortSignal.timeout(this.#releaseTimeoutMs));
      this.#state = 'released';
      this.#log.info('watchdog: VIP released', { vip: this.driver.describe() });
      this.#events.released();
      return true;
    } catch (error) {
      this.#log.error('watchdog: VIP release failed; retrying', { vip: this.driver.describe(), error: (error as Error).message });
      return false;
    }
  }
}
