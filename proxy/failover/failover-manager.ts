// Automatic failover and the admin console's node control (DETACH/ATTACH/PROMOTE NODE), on top of the backend
// monitor. One failover at a time; only the coordinator (failover-coordinator.ts) promotes. Order of a failover:
// detach the lost primary → failover_command (may veto) → promote the most advanced standby → routing resumes on
// it → re-point the other standbys → follow_primary_command per standby. If nothing could be promoted the lost
// primary is not kept detached, so it takes writes again if it comes back.
import type { Logger } from '../log.ts';
import { BackendMonitor } from '../health/backend-monitor.ts';
import type { NodeWatch } from '../health/node-watch.ts';
import { lsnToBytes } from '../health/lsn.ts';
import type { BackendStates } from '../backend-states.ts';
import type { ProxyConfig } from '../proxy-config.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';
import type { FailoverCoordinator } from './failover-coordinator.ts';
import { StaticFailoverCoordinator } from './failover-coordinator.ts';
import { expandPlaceholders, runHook, type HookNode } from './failover-hooks.ts';
import { fenceOldPrimary, unfenceOldPrimary, leftRecovery, promote, readCandidate, receivedLsn, repointStandby, walReceiverUpstream } from './promotion.ts';
import { chooseStandbyToPromote, chooseSyncStandbyToPromote, type PromotionCandidate } from './standby-selection.ts';

const HOOK_TIMEOUT_MS = 60_000;
const SWITCHOVER_CATCH_UP_MS = 30_000;

/** An admin request that the safety rules refuse; `sqlstate` goes to the client. */
export class NodeControlError extends Error {
  readonly sqlstate: string;
  constructor(sqlstate: string, message: string) {
    super(message);
    this.sqlstate = sqlstate;
  }
}

export interface NodeControl {
  detach(id: string): Promise<void>;
  attach(id: string): Promise<void>;
  promote(id: string): Promise<void>;
  /** A client's server connection to the node failed (failover.onBackendError). */
  backendError(id: string): void;
  readonly failovers: number;
  readonly refusedFailovers: number;
}

export interface FailoverOptions {
  backends: BackendStates;
  config: ProxyConfig;
  log: Logger;
  /** Where backend host names point: health checks and failover connect as the pools do (dns.servers, TTL). */
  addresses: BackendAddressResolver;
  /** Closes the idle pooled server connections of a node that left rotation. */
  dropIdle(nodeId: string): void;
  coordinator?: FailoverCoordinator;
}

function hookNode(watch: NodeWatch): HookNode {
  return { id: watch.config.id, host: watch.config.host, port: watch.config.port };
}

export class FailoverManager implements NodeControl {
  readonly monitor: BackendMonitor;
  failovers = 0;
  /** Sync replication: failovers that promoted nothing since no standby was known to have every acknowledged commit. */
  refusedFailovers = 0;
  readonly #log: Logger;
  readonly #dropIdle: (nodeId: string) => void;
  #coordinator: FailoverCoordinator;
  /** A coordinator passed in (the watchdog's) outlives reloads; the static one follows the config. */
  readonly #fixedCoordinator: boolean;
  #running: Promise<void> | null = null;

  constructor(options: FailoverOptions) {
    this.#log = options.log;
    this.#dropIdle = options.dropIdle;
    this.#coordinator = options.coordinator ?? coordinatorFor(options.config);
    this.#fixedCoordinator = options.coordinator !== undefined;
    this.monitor = new BackendMonitor(options.backends, options.config, options.log, options.addresses, {
      primaryLost: (w) => this.#primaryLost(w),
      primaryInRecovery: (w) => this.#primaryInRecovery(w),
    });
  }

  start(config?: ProxyConfig): Promise<void> {
    if (config && !this.#fixedCoordinator) this.#coordinator = coordinatorFor(config);
    return this.monitor.start(config);
  }

  stop(): void {
    this.monitor.stop();
  }

  /**
   * A client's server connection to the node failed. With failover.onBackendError the node is checked at once
   * without retries (so a lost primary fails over immediately); without it the check keeps its retries, and on
   * managed services (health checks off) it only routes around the node while it is unreachable (rule 20).
   */
  backendError(nodeId: string): void {
    const watch = this.monitor.watch(nodeId);
    if (watch) void watch.checkNow(this.#config.failover.onBackendError ? 0 : undefined);
  }

  get #config(): ProxyConfig {
    return this.monitor.config;
  }

  #primaryLost(watch: NodeWatch): boolean {
    if (!this.#config.failover.enabled) {
      this.#log.error('primary lost; failover is off, routing around it until it returns', { node: watch.config.name });
      return false;
    }
    if (!this.#coordinator.mayPromote()) {
      this.#log.warn('primary lost; waiting for the failover coordinator to promote a standby', { node: watch.config.name, coordinator: this.#coordinator.describe() });
      return false;
    }
    this.#log.error('primary lost; failing over', { node: watch.config.name, error: watch.lastError });
    this.#run(() => this.#failover(watch));
    return true;
  }

  #primaryInRecovery(watch: NodeWatch): void {
    if (!this.#config.failover.enabled || !this.#coordinator.mayPromote() || this.#running) return;
    this.#log.warn('the primary answers in recovery and no node is out of recovery; promoting the most advanced node', { node: watch.config.name });
    void this.#run(async () => {
      // Promoted meanwhile, or gone again (then its failed check fails it over): nothing to do here.
      if (await leftRecovery(watch).catch(() => true)) return;
      await this.#failover(watch);
    });
  }

  #run(task: () => Promise<void>): Promise<void> {
    return this.#queue(task).catch((error: Error) => {
      this.#log.error('failover failed', { error: error.message });
    });
  }

  /** Runs `task` after the one in progress, one at a time; the returned promise rejects with the task's error. */
  #queue(task: () => Promise<void>): Promise<void> {
    const run = (this.#running ?? Promise.resolve()).then(task);
    const tracked = run.catch(() => undefined).finally(() => {
      if (this.#running === tracked) this.#running = null;
    });
    this.#running = tracked;
    return run;
  }

  async #failover(failed: NodeWatch): Promise<void> {
    this.#dropIdle(failed.id);
    const promoted = await this.#alreadyPromoted(failed);
    if (promoted) {
      // Someone else (an operator, another tool) promoted a standby before the health check saw the primary go.
      // Promoting a second one would make two primaries: follow this one instead.
      this.#log.warn('primary lost, but a standby has already left recovery; following it', { node: promoted.config.name, old: failed.config.name });
      await this.#follow(promoted, failed, []);
      return;
    }
    const chosen = await this.#chooseCandidate(failed);
    try {
      if (chosen && (await this.#failoverHook(failed, chosen, failed))) {
        await this.#promoteAndFollow(chosen, failed, []);
        return;
      }
    } catch (error) {
      this.#log.error('promotion failed', { node: chosen?.config.name, error: (error as Error).message });
    }
    // Nothing was promoted: the lost primary may take writes again if it returns, and its next failed check retries.
    failed.detached = null;
    this.monitor.reconcile();
  }

  async #chooseCandidate(failed: NodeWatch): Promise<NodeWatch | undefined> {
    if (this.#config.replication.mode === 'sync') return this.#chooseSyncCandidate(failed);
    // The failed node is a candidate only while it answers in recovery (restarted fenced): it then holds the most WAL.
    const watches = this.monitor.watches.filter((w) => (w === failed || w.detached === null) && this.#promotable(w));
    const candidates = await readCandidates(watches);
    const chosen = chooseStandbyToPromote(candidates, this.#config.failover.priority);
    if (!chosen) {
      this.#log.error('no standby can be promoted; writes fail until the primary returns', { failed: failed.config.name });
      return undefined;
    }
    this.#log.info('standby chosen for promotion', { node: chosen.name, replayLsn: chosen.replayLsn, candidates: candidates.map((c) => `${c.name}@${c.replayLsn}`) });
    return this.monitor.watch(chosen.id);
  }

  /**
   * Every sync standby is asked, attached or not: one that may not be promoted still counts towards knowing where
   * the acknowledged commits are. Promoting nothing keeps them; promoting the wrong standby would lose them.
   */
  async #chooseSyncCandidate(failed: NodeWatch): Promise<NodeWatch | undefined> {
    const candidates = await readCandidates(this.monitor.watches.filter((w) => w !== failed && !w.config.alwaysPrimary));
    const eligible = (candidate: PromotionCandidate): boolean => {
      const watch = this.monitor.watch(candidate.id);
      return watch !== undefined && this.#mayBePromoted(watch);
    };
    const choice = chooseSyncStandbyToPromote(candidates, failed.config.name, this.#config.replication, eligible, this.#config.failover.priority);
    if ('refused' in choice) {
      this.refusedFailovers++;
      this.#log.error('not promoting: no standby is known to have every acknowledged commit; writes fail until the primary returns or enough sync standbys answer', { failed: failed.config.name, reason: choice.refused });
      return undefined;
    }
    const positions = candidates.map((c) => `${c.name}@received ${c.receiveLsn ?? '-'} replayed ${c.replayLsn}`);
    this.#log.info('sync standby chosen for promotion', { node: choice.chosen.name, candidates: positions });
    return this.monitor.watch(choice.chosen.id);
  }

  #mayBePromoted(watch: NodeWatch): boolean {
    return watch.detached === null && this.#promotable(watch);
  }

  #promotable(watch: NodeWatch): boolean {
    return watch.reachable !== false && !watch.config.noFailover && !watch.config.alwaysPrimary;
  }

  async #failoverHook(failed: NodeWatch, chosen: NodeWatch, oldPrimary: NodeWatch): Promise<boolean> {
    const command = this.#config.failover.failoverCommand;
    if (!command) return true;
    const outcome = await runHook(expandPlaceholders(command, { failed: hookNode(failed), newPrimary: hookNode(chosen), oldPrimary: hookNode(oldPrimary) }), HOOK_TIMEOUT_MS);
    if (outcome.exitCode === 0) return true;
    this.#log.error('failover_command failed; not promoting', { exitCode: outcome.exitCode, output: outcome.output });
    return false;
  }

  async #alreadyPromoted(failed: NodeWatch): Promise<NodeWatch | undefined> {
    const others = this.monitor.watches.filter((w) => w !== failed && w.detached === null && w.reachable !== false && !w.config.alwaysPrimary);
    const promoted = await Promise.all(others.map((w) => leftRecovery(w).catch(() => false)));
    return others.find((_, i) => promoted[i]);
  }

  async #promoteAndFollow(chosen: NodeWatch, oldPrimary: NodeWatch, alsoFollow: NodeWatch[]): Promise<void> {
    await promote(chosen, this.#config.failover.promoteTimeoutMs);
    this.failovers++;
    this.#log.info('standby promoted; writes go to it', { node: chosen.config.name, old: oldPrimary.config.name });
    await this.#follow(chosen, oldPrimary, alsoFollow);
  }

  /** Makes `chosen` the primary writes go to and re-points the remaining standbys at it. */
  async #follow(chosen: NodeWatch, oldPrimary: NodeWatch, alsoFollow: NodeWatch[]): Promise<void> {
    this.monitor.confirmedPrimaryId = chosen.id;
    await chosen.checkNow();
    // Not only the standbys known to be in recovery: one whose checks timed out under load since the proxy started
    // (no answer yet) would otherwise stay pointed at the lost primary for good. Re-pointing an unreachable one
    // fails, is logged, and costs a timeout. Tested in test/proxy/failover/repoint-unchecked-standby.test.ts.
    const standbys = this.monitor.watches.filter((w) => w !== chosen && w !== oldPrimary && w.probe?.inRecovery !== false);
    for (const standby of standbys) {
      try {
        await repointStandby(standby, chosen.config);
        this.#log.info('standby re-pointed at the new primary', { node: standby.config.name, primary: chosen.config.name });
      } catch (error) {
        this.#log.error('could not re-point a standby; it needs manual repair', { node: standby.config.name, error: (error as Error).message });
      }
    }
    await this.#followHooks(chosen, oldPrimary, [...standbys, ...alsoFollow]);
  }

  async #followHooks(chosen: NodeWatch, oldPrimary: NodeWatch, nodes: NodeWatch[]): Promise<void> {
    const command = this.#config.failover.followPrimaryCommand;
    if (!command) return;
    for (const node of nodes) {
      const outcome = await runHook(expandPlaceholders(command, { failed: hookNode(node), newPrimary: hookNode(chosen), oldPrimary: hookNode(oldPrimary) }), HOOK_TIMEOUT_MS);
      if (outcome.exitCode !== 0) this.#log.error('follow_primary_command failed', { node: node.config.name, exitCode: outcome.exitCode, output: outcome.output });
    }
  }

  #watch(id: string): NodeWatch {
    const watch = this.monitor.watch(id);
    if (!watch) throw new NodeControlError('42704', `no backend with node id ${id}`);
    return watch;
  }

  #assertMayPromote(): void {
    if (!this.#config.failover.enabled) throw new NodeControlError('55000', 'failover is off for this cluster: the proxy never promotes here');
    if (!this.#coordinator.mayPromote()) throw new NodeControlError('55000', `${this.#coordinator.describe()}; run this there`);
  }

  async detach(id: string): Promise<void> {
    const watch = this.#watch(id);
    if (watch.config.noFailover || watch.config.alwaysPrimary) {
      throw new NodeControlError('55000', `${watch.config.name} is flagged DISALLOW_TO_FAILOVER/ALWAYS_PRIMARY and is never detached`);
    }
    if (watch.id === this.monitor.confirmedPrimaryId) {
      this.#assertMayPromote();
      watch.detached = 'failover';
      this.monitor.reconcile();
      const before = this.failovers;
      await this.#run(() => this.#failover(watch));
      if (this.failovers === before) throw new NodeControlError('55000', 'no standby could be promoted; the primary stays attached (see the proxy log)');
      return;
    }
    watch.detached = 'admin';
    this.monitor.reconcile();
    this.#dropIdle(id);
    this.#log.info('backend detached by admin', { node: watch.config.name });
  }

  async attach(id: string): Promise<void> {
    const watch = this.#watch(id);
    await watch.checkNow();
    if (!watch.reachable) throw new NodeControlError('08006', `${watch.config.name} does not answer: ${watch.lastError}`);
    const claimsPrimary = watch.probe?.inRecovery === false && !watch.config.alwaysPrimary;
    const primary = this.monitor.confirmedPrimaryId;
    if (claimsPrimary && primary !== undefined && primary !== id && this.monitor.watch(primary)?.reachable) {
      throw new NodeControlError('55000', `${watch.config.name} is out of recovery while node ${primary} is the primary: rebuild it as a standby first`);
    }
    watch.detached = null;
    this.monitor.reconcile();
    this.#log.info('backend attached by admin', { node: watch.config.name });
  }

  /** Switchover: fence the live primary, let the standby catch up, promote it, re-point the others. */
  async promote(id: string): Promise<void> {
    this.#assertMayPromote();
    const target = this.#watch(id);
    const old = this.monitor.watch(this.monitor.confirmedPrimaryId ?? '');
    if (target === old) throw new NodeControlError('55000', `${target.config.name} is already the primary`);
    await target.checkNow();
    if (target.detached !== null || !target.reachable || !target.probe?.inRecovery || target.config.noFailover) {
      throw new NodeControlError('55000', `${target.config.name} is not an attached, reachable standby that may be promoted`);
    }
    const { replication } = this.#config;
    if (replication.mode === 'sync' && !replication.syncCandidates.includes(target.config.name)) {
      throw new NodeControlError('55000', `${target.config.name} is not a sync standby (replication.syncCandidates); with sync replication only those are promoted`);
    }
    // The caller (PROMOTE NODE) is told when the switchover fails, not only the log.
    await this.#queue(() => this.#switchover(target, old)).catch((error: Error) => {
      this.#log.error('switchover failed', { node: target.config.name, error: error.message });
      throw error;
    });
  }

  async #switchover(target: NodeWatch, old: NodeWatch | undefined): Promise<void> {
    const oldPrimary = old ?? target;
    const cascading: NodeWatch[] = [];
    try {
      if (old) await this.#fenceForSwitchover(target, old, cascading);
      if (!(await this.#failoverHook(oldPrimary, target, oldPrimary))) throw new Error('failover_command refused the switchover');
    } catch (error) {
      // Nothing was promoted: the old primary takes writes again rather than leave the tier with no primary.
      if (old) await this.#restorePrimary(old, cascading);
      throw error;
    }
    await this.#promoteAndFollow(target, oldPrimary, old ? [old] : []);
  }

  /**
   * A fenced primary still writes WAL (checkpoints, a client that opens a read-write transaction on purpose), and a
   * standby still streaming from it would receive some past the point where the target is promoted: it could then
   * never follow the new timeline. So the other standbys stream from the target first (cascading), and the target
   * is promoted only once it has replayed the fence position and everything they received.
   */
  async #fenceForSwitchover(target: NodeWatch, old: NodeWatch, cascading: NodeWatch[]): Promise<void> {
    await old.checkNow();
    old.detached = 'failover';
    this.monitor.reconcile();
    this.#dropIdle(old.id);
    if (!old.reachable) return;
    const positions = [await fenceOldPrimary(old)];
    for (const standby of this.monitor.watches.filter((w) => w !== target && w !== old && w.reachable && w.probe?.inRecovery)) {
      cascading.push(standby);
      await repointStandby(standby, target.config);
      positions.push(await this.#receivedThrough(standby, target, old));
    }
    await this.#catchUp(target, positions.reduce((a, b) => (lsnToBytes(b) > lsnToBytes(a) ? b : a)));
  }

  /**
   * Waits until `standby`'s WAL receiver streams from `target`, or is seen to stop streaming from elsewhere
   * (re-pointing restarts it), then returns what it has received: from now on it cannot receive more than the
   * target has. A receiver absent from the start proves nothing (one may be starting with the old settings), so
   * then only the target counts.
   */
  async #receivedThrough(standby: NodeWatch, target: NodeWatch, old: NodeWatch): Promise<string> {
    const deadline = Date.now() + SWITCHOVER_CATCH_UP_MS;
    const isFrom = (upstream: { host: string | null; port: number | null } | null, node: NodeWatch): boolean =>
      upstream !== null && upstream.host === node.config.host && upstream.port === node.config.port;
    let sawElsewhere = false;
    for (;;) {
      const upstream = await walReceiverUpstream(standby);
      if (upstream !== null && upstream.port === null) {
        throw new Error(`cannot see where ${standby.config.name} streams from: the monitor role needs pg_read_all_stats (pg_monitor)`);
      }
      sawElsewhere ||= upstream !== null && !isFrom(upstream, target);
      if (isFrom(upstream, target) || (upstream === null && sawElsewhere)) return receivedLsn(standby);
      if (Date.now() > deadline) throw new Error(`${standby.config.name} still streams from ${old.config.name} after being re-pointed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #restorePrimary(old: NodeWatch, cascading: NodeWatch[]): Promise<void> {
    await unfenceOldPrimary(old).catch((error: Error) => {
      this.#log.error('could not lift the switchover fence (default_transaction_read_only) of the old primary', { node: old.config.name, error: error.message });
    });
    for (const standby of cascading) {
      await repointStandby(standby, old.config).catch((error: Error) => {
        this.#log.error('could not re-point a standby back at the primary after the switchover failed; it streams through another standby', { node: standby.config.name, error: error.message });
      });
    }
    old.detached = null;
    this.monitor.reconcile();
  }

  async #catchUp(target: NodeWatch, lsn: string): Promise<void> {
    const deadline = Date.now() + SWITCHOVER_CATCH_UP_MS;
    for (;;) {
      const candidate = await readCandidate(target);
      if (candidate && lsnToBytes(candidate.replayLsn) >= lsnToBytes(lsn)) return;
      if (Date.now() > deadline) throw new Error(`${target.config.name} did not replay up to ${lsn} in time`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function readCandidates(watches: NodeWatch[]): Promise<PromotionCandidate[]> {
  const read = await Promise.all(watches.map((w) => readCandidate(w).catch(() => undefined)));
  return read.filter((c): c is PromotionCandidate => c !== undefined);
}

function coordinatorFor(config: ProxyConfig): FailoverCoordinator {
  return new StaticFailoverCoordinator(config.failover.instanceIndex, config.failover.coordinatorIndex);
}
