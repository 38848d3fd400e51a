// The backend monitor: one NodeWatch per backend, the replication-lag check, and the rules that turn their facts
// into node states for the router (BackendStates):
//   - up: answers and is attached;
//   - quarantined: routed around but not detached — a failed check with retries left, an unreachable node that
//     must not be failed over (DISALLOW_TO_FAILOVER, health checks off, failover off, or this proxy is not the
//     failover coordinator); it comes back by itself when it answers again;
//   - down: detached — by health checks (a standby; re-attached when it answers in recovery), by failover (the
//     lost primary; re-attached only once rebuilt as a standby), by an admin (until ATTACH NODE), or a false
//     primary (two nodes out of recovery: the loser gets nothing until rebuilt).
// The primary itself is decided by health/primary-election.ts; losing it starts proxy/failover's failover.
import type { BackendStates } from '../backend-states.ts';
import type { Logger } from '../log.ts';
import type { ProxyConfig } from '../proxy-config.ts';
import type { BackendStatus } from '../router/router-config.ts';
import { electPrimary, type Election } from './primary-election.ts';
import { nodeTiming } from './health-config.ts';
import { NodeWatch, type WatchEvents } from './node-watch.ts';
import { backendTlsOf } from '../backend/backend-tls.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';
import { LagCheck } from './lag-check.ts';

export interface MonitorHooks {
  /** The confirmed primary failed its health check after all retries; returns true when a failover takes it. */
  primaryLost(watch: NodeWatch): boolean;
  /**
   * The confirmed primary answers in recovery and no node is out of recovery: it was restarted fenced (a provider
   * never lets a returning primary take writes while a failover may be under way), and only a promotion ends that.
   */
  primaryInRecovery(watch: NodeWatch): void;
}

function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

export class BackendMonitor implements WatchEvents {
  readonly #backends: BackendStates;
  readonly #log: Logger;
  readonly #hooks: MonitorHooks;
  readonly #addresses: BackendAddressResolver;
  #config: ProxyConfig;
  #watches = new Map<string, NodeWatch>();
  #lagCheck: LagCheck | null = null;
  /** The primary this proxy last promoted or observed (rule 21). */
  confirmedPrimaryId: string | undefined;
  falsePrimaryIds = new Set<string>();

  /** `addresses`: where backend host names point, the resolver the pools use (dns.servers, TTL). */
  constructor(backends: BackendStates, config: ProxyConfig, log: Logger, addresses: BackendAddressResolver, hooks: MonitorHooks) {
    this.#backends = backends;
    this.#addresses = addresses;
    this.#config = config;
    this.#log = log;
    this.#hooks = hooks;
    this.confirmedPrimaryId = backends.all.find((s) => s.node.role === 'primary')?.node.id;
  }

  get config(): ProxyConfig {
    return this.#config;
  }

  get watches(): NodeWatch[] {
    return [...this.#watches.values()];
  }

  watch(id: string): NodeWatch | undefined {
    return this.#watches.get(id);
  }

  /**
   * Starts (or, after a reload, restarts) the checks; a node's detachment and last facts survive a reload. Resolves
   * once every node answered its first probe or failed it, and at the latest after one check timeout, so a proxy
   * starting next to a returned old primary knows which node is the real one before it takes clients.
   */
  start(config: ProxyConfig = this.#config): Promise<void> {
    const previous = this.#watches;
    this.stop();
    this.#config = config;
    const monitor = config.monitor;
    if (!monitor) return Promise.resolve();
    const measureLag = config.replicationCheck.periodMs > 0;
    const login = { monitor, tls: backendTlsOf(config.tls), addresses: this.#addresses };
    for (const backend of config.backends) {
      const timing = nodeTiming(config.healthCheck, backend.name);
      const healthDriven = timing.periodMs > 0;
      const loopTiming = healthDriven ? timing : { ...timing, periodMs: config.replicationCheck.periodMs, retries: 0 };
      const watch = new NodeWatch(backend, loopTiming, healthDriven, measureLag, login, this);
      const old = previous.get(watch.id);
      if (old) Object.assign(watch, { probe: old.probe, reachable: old.reachable, detached: old.detached });
      this.#watches.set(watch.id, watch);
    }
    this.reconcile();
    // Without health or lag checks the watches only serve the admin console (DETACH/ATTACH check on demand).
    const checking = [...this.#watches.values()].filter((w) => w.healthDriven || measureLag);
    const first = Promise.all(checking.map((watch) => watch.checkNow()));
    if (measureLag) this.#lagCheck = new LagCheck(this, this.#backends, config, this.#log);
    return waitAtMost(first, config.healthCheck.timeoutMs);
  }

  stop(): void {
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches = new Map();
    this.#lagCheck?.stop();
    this.#lagCheck = null;
  }

  suspect(): void {
    this.reconcile();
  }

  checked(watch: NodeWatch): void {
    if (watch.reachable === false && watch.healthDriven && watch.detached === null) this.#failed(watch);
    this.reconcile();
    if (this.#returnedInRecovery(watch)) this.#hooks.primaryInRecovery(watch);
  }

  /**
   * `watch` is the confirmed primary (or none is confirmed: a proxy started while every node was in recovery), it
   * answers in recovery, and every node has answered in recovery or failed its check: nobody takes writes.
   */
  #returnedInRecovery(watch: NodeWatch): boolean {
    const primary = this.confirmedPrimaryId ?? watch.id;
    if (watch.id !== primary || !watch.healthDriven || watch.reachable !== true || watch.probe?.inRecovery !== true) return false;
    return [...this.#watches.values()].every((w) => w.reachable === false || (w.reachable === true && w.probe?.inRecovery === true));
  }

  /** A failed node, after its retries: detach it, fail it over, or only route around it. */
  #failed(watch: NodeWatch): void {
    if (watch.config.noFailover || watch.config.alwaysPrimary) return;
    if (watch.id === this.confirmedPrimaryId) {
      if (this.#hooks.primaryLost(watch)) watch.detached = 'failover';
      return;
    }
    watch.detached = 'health';
    this.#log.warn('backend detached: health check failed', { node: watch.config.name, error: watch.lastError });
  }

  /** Recomputes every node's role, status and false-primary flag from the latest facts. */
  reconcile(): void {
    for (const watch of this.#watches.values()) this.#reattachRebuilt(watch);
    const election = this.#elect();
    if (election.primaryId !== undefined && election.primaryId !== this.confirmedPrimaryId) {
      this.#log.info('primary confirmed', { node: this.#watches.get(election.primaryId)?.config.name });
      this.confirmedPrimaryId = election.primaryId;
    }
    for (const id of election.falsePrimaryIds) {
      if (!this.falsePrimaryIds.has(id)) this.#log.error('false primary: a second node is out of recovery; it gets no traffic until rebuilt as a standby', { node: this.#watches.get(id)?.config.name });
    }
    this.falsePrimaryIds = new Set(election.falsePrimaryIds);
    for (const watch of this.#watches.values()) this.#apply(watch);
  }

  #elect(): Election {
    const nodes = [...this.#watches.values()].map((w) => ({
      id: w.id,
      reachable: w.reachable === true,
      inRecovery: w.probe?.inRecovery ?? null,
      timeline: w.probe?.timeline ?? null,
      attached: w.detached === null,
      alwaysPrimary: w.config.alwaysPrimary,
      configuredPrimary: w.config.role === 'primary',
    }));
    return electPrimary(nodes, this.confirmedPrimaryId);
  }

  /**
   * A node detached by health checks or failover that answers as a standby is back (an admin's detach stays). The
   * lost primary must also have a WAL receiver: in recovery without one it was restarted fenced, not rebuilt, and
   * would serve reads of the timeline the failover left behind.
   */
  #reattachRebuilt(watch: NodeWatch): void {
    if (!watch.reachable || !watch.probe?.inRecovery || (watch.detached !== 'health' && watch.detached !== 'failover')) return;
    if (watch.detached === 'failover' && watch.probe.hasWalReceiver === false) return;
    this.#log.info('backend re-attached: it answers as a standby', { node: watch.config.name });
    watch.detached = null;
  }

  #apply(watch: NodeWatch): void {
    const state = this.#backends.byId(watch.id);
    if (!state) return;
    const falsePrimary = this.falsePrimaryIds.has(watch.id);
    const role = watch.config.alwaysPrimary ? 'primary'
      : watch.probe === null ? state.node.role
      : watch.probe.inRecovery ? 'standby' : 'primary';
    if (state.node.role !== role || (state.node.falsePrimary ?? false) !== falsePrimary) {
      this.#backends.update(watch.id, { role, falsePrimary });
    }
    this.#backends.setStatus(watch.id, this.#status(watch, falsePrimary));
  }

  #status(watch: NodeWatch, falsePrimary: boolean): BackendStatus {
    if (watch.detached !== null || falsePrimary) return 'down';
    if (watch.reachable === false) return 'quarantined';
    // The primary stays in rotation while its retries run: its writes have nowhere else to go yet.
    if (watch.suspect && watch.id !== this.confirmedPrimaryId) return 'quarantined';
    return 'up';
  }
}
