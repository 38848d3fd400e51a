// The GitOps controller: a level-triggered loop. Every tick re-reads the topology file (in pull mode: fetches the
// followed git ref, source-follower.ts), plans against reality and applies when anything differs — so missed
// events do not matter; an edit of the file only starts the next run early (topology-file-wake.ts). Runs never
// overlap (one loop, and the state lock across processes); failures back off exponentially with jitter.
import { setTimeout as sleep } from 'node:timers/promises';
import { applyPlan, type ApplyResult } from '../apply/apply-plan.ts';
import { actionableChanges, type DriftEntry, type Plan } from '../plan/plan-model.ts';
import { closeWorkspace, lockState, openWorkspace, planWorkspace, type Workspace } from '../plan/workspace.ts';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { backoffDelay } from './backoff.ts';
import { fileStamp, waitOrTopologyChange } from './topology-file-wake.ts';
import type { JsonLog } from './json-log.ts';
import type { ReconcileMetrics } from './reconcile-metrics.ts';
import type { SourceFollower } from './source-follower.ts';

export interface ReconcileOptions {
  file: string;
  /** Pull mode: the topology comes from this git source instead of `file`. */
  source?: SourceFollower;
  registry: ProviderRegistry;
  intervalMs: number;
  parallelism: number;
  log: JsonLog;
  metrics: ReconcileMetrics;
  /** Cap of the error backoff. */
  maxBackoffMs?: number;
  /** Stops the loop after the current run. */
  signal: AbortSignal;
}

export interface RunReport {
  ok: boolean;
  applied: boolean;
  plan?: Plan;
  result?: ApplyResult;
}

export class ReconcileLoop {
  readonly #options: ReconcileOptions;
  #lastSuccess: Date | null = null;
  #failures = 0;
  #lastError: string | null = null;
  /** The last run's topology warnings: each is logged when it appears, not at every interval. */
  #warnings = new Set<string>();

  constructor(options: ReconcileOptions) {
    this.#options = options;
  }

  /** Health for /healthz: healthy while the last run succeeded (or none has failed yet). */
  health(): { healthy: boolean; body: Record<string, unknown> } {
    return {
      healthy: this.#failures === 0,
      body: {
        lastSuccess: this.#lastSuccess?.toISOString() ?? null, consecutiveFailures: this.#failures, lastError: this.#lastError,
        ...this.#options.source?.health(),
      },
    };
  }

  async run(): Promise<void> {
    const { signal, intervalMs, maxBackoffMs = 5 * 60_000 } = this.#options;
    while (!signal.aborted) {
      const before = fileStamp(this.#options.file);
      const report = await this.runOnce();
      const delay = report.ok ? intervalMs : backoffDelay(this.#failures, Math.min(intervalMs, 5_000), maxBackoffMs);
      if (!report.ok) this.#options.log('info', 'retrying after backoff', { delayMs: delay, consecutiveFailures: this.#failures });
      await this.#wait(delay, before);
    }
  }

  /** In pull mode the next fetch finds a new commit; a local topology file is watched, so an edit runs at once. */
  async #wait(ms: number, stampBeforeRun: string): Promise<void> {
    const { file, source, signal, log } = this.#options;
    if (source) {
      await sleep(ms, undefined, { signal }).catch(() => {});
      return;
    }
    if (await waitOrTopologyChange(file, ms, signal, stampBeforeRun)) log('info', 'topology file changed', { file });
  }

  /** One plan → apply pass. Never throws: errors are logged, counted and reported. */
  async runOnce(): Promise<RunReport> {
    const { log, metrics } = this.#options;
    try {
      const report = await this.#reconcile();
      this.#succeed(report);
      return report;
    } catch (error) {
      const message = (error as Error).message;
      this.#failures += 1;
      this.#lastError = message;
      metrics.errors.inc();
      metrics.runs.inc({ result: 'error' });
      metrics.consecutiveFailures.set(this.#failures);
      log('error', 'reconcile failed', { error: message });
      return { ok: false, applied: false };
    }
  }

  async #reconcile(): Promise<RunReport> {
    const { log, registry, source } = this.#options;
    const followed = source ? await source.next() : undefined;
    const warnings = new Set<string>();
    const warn = (warning: string): void => {
      if (!this.#warnings.has(warning)) log('warn', 'topology warning', { warning });
      warnings.add(warning);
    };
    const workspace = await openWorkspace(followed?.file ?? this.#options.file, registry, warn).finally(() => {
      this.#warnings = warnings;
    });
    try {
      return await this.#reconcileLocked(workspace, followed?.commit);
    } finally {
      await closeWorkspace(workspace);
    }
  }

  async #reconcileLocked(workspace: Workspace, commit: string | undefined): Promise<RunReport> {
    const lock = await lockState(workspace, 'reconcile', 0, (notice) => this.#options.log('warn', notice));
    try {
      if (commit) await this.#options.source!.checkNotRewinding(workspace.backend, commit);
      const report = await this.#planAndApply(workspace, commit);
      if (commit) await this.#options.source!.applied(workspace.backend, commit);
      return report;
    } finally {
      await lock.release();
    }
  }

  async #planAndApply(workspace: Workspace, commit: string | undefined): Promise<RunReport> {
    const { log, metrics, parallelism, registry } = this.#options;
    const plan = await planWorkspace(workspace, 'apply', { parallelism });
    metrics.recordPlan(plan);
    for (const entry of plan.drift) log('warn', 'drift', driftFields(entry));
    if (actionableChanges(plan).length === 0) {
      // Nothing to change out there; what reality did on its own (a failover, a rejoin) is only recorded.
      if (plan.has_changes || plan.upgrades_secret_digests) await applyPlan(plan, { registry, backend: workspace.backend, secrets: workspace.secrets, parallelism });
      log('info', 'in sync', { resources: plan.resource_changes.length, ...(plan.has_changes ? { recorded: 'refreshed state' } : {}) });
      return { ok: true, applied: false, plan };
    }
    log('info', 'applying', { summary: plan.summary, ...(commit ? { commit } : {}) });
    const result = await applyPlan(plan, {
      registry, backend: workspace.backend, secrets: workspace.secrets, parallelism,
      onEvent: (event) => log(event.kind === 'failed' ? 'error' : 'info', `resource ${event.kind}`, { ...event }),
    });
    if (!result.ok) {
      const failed = result.outcomes.filter((outcome) => outcome.status !== 'done').map((outcome) => `${outcome.address}: ${outcome.message ?? outcome.status}`);
      throw new Error(`apply did not complete: ${failed.join('; ')}`);
    }
    log('info', 'applied', { summary: plan.summary });
    return { ok: true, applied: true, plan, result };
  }

  #succeed(report: RunReport): void {
    this.#failures = 0;
    this.#lastError = null;
    this.#lastSuccess = new Date();
    this.#options.metrics.lastSuccess.set(this.#lastSuccess.getTime() / 1000);
    this.#options.metrics.consecutiveFailures.set(0);
    this.#options.metrics.runs.inc({ result: report.applied ? 'applied' : 'in_sync' });
  }
}

/** Which attributes reality changed, and from what to what (sensitive ones never are drift, see build-plan.ts). */
function driftFields(entry: DriftEntry): Record<string, unknown> {
  const values = (side: 'before' | 'after') => Object.fromEntries(entry.changes.map((change) => [change.name, change[side] ?? null]));
  return {
    address: entry.address, kind: entry.kind, attributes: entry.changes.map((change) => change.name),
    ...(entry.changes.length > 0 ? { before: values('before'), after: values('after') } : {}),
  };
}
