// The replication-lag check (Pgpool-II's sr_check): every period, the primary's current WAL position and its
// pg_stat_replication, then each standby's replay position, over the nodes' monitoring connections. The router's
// lag rules (routing rule 19) read the result from BackendStates (lagBytes, lagMs).
import type { BackendStates } from '../backend-states.ts';
import type { Logger } from '../log.ts';
import type { ProxyConfig } from '../proxy-config.ts';
import { lagBytes } from './lsn.ts';
import { REPLICATION_SQL, replayLagMs, type ReplicationRow } from './replication-lag.ts';
import type { NodeWatch } from './node-watch.ts';

interface WatchSource {
  readonly watches: NodeWatch[];
  readonly confirmedPrimaryId: string | undefined;
}

export class LagCheck {
  readonly #source: WatchSource;
  readonly #backends: BackendStates;
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #timer: NodeJS.Timeout;
  #running = false;

  constructor(source: WatchSource, backends: BackendStates, config: ProxyConfig, log: Logger) {
    this.#source = source;
    this.#backends = backends;
    this.#log = log;
    this.#timeoutMs = config.healthCheck.timeoutMs;
    this.#timer = setInterval(() => void this.measure(), config.replicationCheck.periodMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async measure(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      await this.#measure();
    } catch (error) {
      this.#log.debug('replication check failed', { error: (error as Error).message });
    } finally {
      this.#running = false;
    }
  }

  async #measure(): Promise<void> {
    const watches = this.#source.watches;
    const primary = watches.find((w) => w.id === this.#source.confirmedPrimaryId && w.reachable);
    const standbys = watches.filter((w) => w !== primary && w.reachable && !w.config.alwaysPrimary && w.probe?.inRecovery !== false);
    if (!primary) {
      for (const standby of standbys) this.#set(standby.id, undefined, undefined);
      return;
    }
    const [{ lsn }] = await primary.connection.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn', this.#timeoutMs);
    const rows = await primary.connection.query<ReplicationRow>(REPLICATION_SQL, this.#timeoutMs);
    await Promise.all(standbys.map(async (standby) => {
      try {
        const [replay] = await standby.connection.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn', this.#timeoutMs);
        const bytes = replay.lsn === null ? undefined : lagBytes(lsn, replay.lsn);
        this.#set(standby.id, bytes, replayLagMs(rows, standby.probe?.clusterName ?? '', standby.config.name));
      } catch {
        this.#set(standby.id, undefined, undefined);
      }
    }));
  }

  #set(id: string, bytes: number | undefined, ms: number | undefined): void {
    const node = this.#backends.byId(id)?.node;
    if (node && (node.lagBytes !== bytes || node.lagMs !== ms)) this.#backends.update(id, { lagBytes: bytes, lagMs: ms });
  }
}
