// Prometheus metrics of the reconcile loop, on a registry of its own so tests and embedders can read it.
import { Counter, Gauge, Registry } from 'prom-client';
import type { Plan } from '../plan/plan-model.ts';

export class ReconcileMetrics {
  readonly registry = new Registry();
  readonly lastSuccess = new Gauge({ name: 'pgtopo_reconcile_last_success_timestamp_seconds', help: 'Unix time of the last run that ended converged', registers: [this.registry] });
  readonly drift = new Gauge({ name: 'pgtopo_drift_objects', help: 'Objects changed outside pgtopo found by the last run', registers: [this.registry] });
  readonly resources = new Gauge({ name: 'pgtopo_resources', help: 'Resources by what the last plan found them needing', labelNames: ['state'], registers: [this.registry] });
  readonly runs = new Counter({ name: 'pgtopo_reconcile_runs_total', help: 'Reconcile runs by result', labelNames: ['result'], registers: [this.registry] });
  readonly errors = new Counter({ name: 'pgtopo_reconcile_errors_total', help: 'Failed reconcile runs', registers: [this.registry] });
  readonly sourceCommit = new Gauge({ name: 'pgtopo_source_applied_commit_info', help: 'Pull mode: the commit of --source applied last (value 1)', labelNames: ['commit'], registers: [this.registry] });
  readonly invalidCommits = new Counter({ name: 'pgtopo_source_invalid_commits_total', help: 'Pull mode: commits of --source whose topology did not load', registers: [this.registry] });
  readonly consecutiveFailures = new Gauge({ name: 'pgtopo_reconcile_consecutive_failures', help: 'Failed runs since the last success', registers: [this.registry] });

  recordPlan(plan: Plan): void {
    this.drift.set(plan.drift.length);
    this.resources.reset();
    const states = { 'no-op': 'in_sync', create: 'to_create', update: 'to_update', replace: 'to_replace', delete: 'to_delete' } as const;
    for (const state of Object.values(states)) this.resources.set({ state }, 0);
    for (const change of plan.resource_changes) this.resources.inc({ state: states[change.action] });
  }
}
