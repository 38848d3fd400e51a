// One node's health check loop: every period, the probe on the node's own monitoring connection, retried
// `retries` times `retryDelayMs` apart before the node counts as failed. A lost monitoring connection starts a
// check at once. The watch only records facts; backend-monitor.ts decides what they mean for routing.
// Without a period of its own (health and lag checks off: Aurora, a Kubernetes operator's Services) a node is
// checked only when a client's server connection to it failed; found unreachable, it is routed around, so no
// client would ever ask again: the watch then checks it every UNREACHABLE_RECHECK_MS until it answers.
import type { BackendConfig } from '../proxy-config.ts';
import type { HealthCheckTiming } from './health-config.ts';
import { MonitorConnection, type MonitorLogin } from './monitor-connection.ts';
import { probeResult, probeSql, type ProbeResult, type ProbeRow } from './node-probe.ts';

/** Why a node is out of rotation even when it answers: an admin detached it, or failover or health checks did. */
export type Detachment = 'admin' | 'failover' | 'health' | null;

export interface WatchEvents {
  /** A check attempt failed and retries remain (route around the node meanwhile). */
  suspect(watch: NodeWatch): void;
  /** A check finished: `probe` and `reachable` are fresh. */
  checked(watch: NodeWatch): void;
}

/** How often a node found unreachable is checked again when the watch has no period of its own. */
export const UNREACHABLE_RECHECK_MS = 1000;

export class NodeWatch {
  readonly config: BackendConfig;
  readonly id: string;
  readonly connection: MonitorConnection;
  timing: HealthCheckTiming;
  /** Health checks drive detach/failover; false: the loop only notices reachability (quarantine) and roles. */
  readonly healthDriven: boolean;
  probe: ProbeResult | null = null;
  /** Null until the first check finished. */
  reachable: boolean | null = null;
  suspect = false;
  detached: Detachment = null;
  lastError = '';
  readonly #sql: string;
  readonly #events: WatchEvents;
  #timer: NodeJS.Timeout | null = null;
  #checking: Promise<void> | null = null;
  #stopped = false;
  /** Attempts the running check may make; reset after each check. */
  #attempts = Number.POSITIVE_INFINITY;

  constructor(
    config: BackendConfig, timing: HealthCheckTiming, healthDriven: boolean, measureLag: boolean, login: MonitorLogin, events: WatchEvents,
  ) {
    this.config = config;
    this.id = String(config.id);
    this.timing = timing;
    this.healthDriven = healthDriven;
    this.#events = events;
    this.#sql = probeSql(config.alwaysPrimary, measureLag);
    this.connection = new MonitorConnection(config, login, () => void this.checkNow());
  }

  /** Runs a check now (or joins the one running, cutting its retries to `retries`) and resolves when it is over. */
  checkNow(retries = this.timing.retries): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#attempts = Math.min(this.#attempts, this.healthDriven ? 1 + retries : 1);
    this.#checking ??= this.#check().finally(() => {
      this.#checking = null;
      this.#attempts = Number.POSITIVE_INFINITY;
      this.#schedule();
    });
    return this.#checking;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.connection.close();
  }

  #schedule(): void {
    const period = this.timing.periodMs > 0 ? this.timing.periodMs : this.reachable === false ? UNREACHABLE_RECHECK_MS : 0;
    if (this.#stopped || period <= 0) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.checkNow(), period);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    for (let attempt = 1; attempt <= this.#attempts && !this.#stopped; attempt++) {
      try {
        const [row] = await this.connection.query<ProbeRow>(this.#sql, this.timing.timeoutMs);
        this.probe = probeResult(row);
        this.reachable = true;
        this.suspect = false;
        this.#events.checked(this);
        return;
      } catch (error) {
        this.lastError = (error as Error).message;
        if (attempt < this.#attempts) {
          this.suspect = true;
          this.#events.suspect(this);
          await new Promise((resolve) => setTimeout(resolve, this.timing.retryDelayMs));
        }
      }
    }
    if (this.#stopped) return;
    this.reachable = false;
    this.suspect = false;
    this.#events.checked(this);
  }
}
