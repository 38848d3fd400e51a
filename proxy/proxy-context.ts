// The shared parts of one running proxy that every client connection uses. Built by proxy/server.ts;
// replaced piecemeal on reload (config, users), so connections read through this object, never copy it.
import type { BackendStates } from './backend-states.ts';
import type { CancelKeys } from './cancel.ts';
import type { Logger } from './log.ts';
import type { PoolRegistry } from './pool/pool-registry.ts';
import type { ProxyConfig, UserConfig } from './proxy-config.ts';
import type { ProxyStats } from './proxy-stats.ts';
import type { StatementCatalog } from './session-state/prepared-statements.ts';
import type { TargetChooser } from './target-chooser.ts';
import type { SecureContext } from 'node:tls';
import type { NodeControl } from './failover/failover-manager.ts';
import type { PrimaryWait } from './primary-wait.ts';
import type { WatchdogService } from './watchdog/watchdog-service.ts';
import type { ResultSet } from './admin/admin-commands.ts';

export const ADMIN_DATABASE = 'pgtopo';

/** What the admin console needs to know about a connected client (SHOW CLIENTS). */
export interface ClientView {
  readonly id: number;
  readonly user: string;
  readonly database: string;
  readonly address: string;
  readonly connectedAt: Date;
  readonly state: string;
  readonly pinned: string | null;
  readonly serverId: number | null;
  readonly applicationName: string;
  terminate(sqlstate: string, message: string): void;
  /** The client holds no server and sent nothing unanswered: safe to close for shutdown. */
  readonly quiescent: boolean;
  /** Waiting for the client's next request outside any transaction (what the client idle timeout counts). */
  readonly idleOutsideTransaction: boolean;
  /** Set at every read from the client; cleared by the idle-client sweep (frontend/idle-client-sweep.ts). */
  inputSeen: boolean;
}

/** The other worker threads of this proxy (proxy/workers), as the admin console sees them. */
export interface WorkerViews {
  /** This worker's index (SHOW WORKERS). */
  readonly index: number;
  /** Every worker's SHOW `name` rows, in worker order. */
  gather(name: string): Promise<ResultSet[]>;
  /** PAUSE or RESUME in every worker. */
  everywhere(command: 'pause' | 'resume'): Promise<void>;
}

export interface ProxyContext {
  config: ProxyConfig;
  users: Map<string, UserConfig>;
  tls: SecureContext | null;
  readonly pools: PoolRegistry;
  readonly backends: BackendStates;
  readonly cancelKeys: CancelKeys;
  readonly statements: StatementCatalog;
  readonly stats: ProxyStats;
  readonly log: Logger;
  targets: TargetChooser;
  /** Where primary-bound work waits while no primary is up. */
  readonly primaryWait: PrimaryWait;
  readonly clients: Set<ClientView>;
  /** DETACH/ATTACH/PROMOTE NODE and the failover count (proxy/failover); absent in bare test contexts. */
  nodeControl?: NodeControl;
  /** Proxy-tier HA (proxy/watchdog), when configured: SHOW WATCHDOG and the metrics read it. */
  watchdog?: Pick<WatchdogService, 'status' | 'counters'>;
  /** Present in a worker thread of a proxy with `workers` > 1. */
  workers?: WorkerViews;
  /** Admin commands that act on the whole proxy. */
  reload(): Promise<void>;
}
