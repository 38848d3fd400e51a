// The machine-readable plan printed by `pgtopo plan --json`. Documented in engine/README.md; fields are only
// added within a format_version, never renamed or removed.
import type { Plan } from '../plan/plan-model.ts';

export function planJson(plan: Plan, pgtopoVersion: string): Record<string, unknown> {
  return {
    format_version: plan.format_version,
    pgtopo_version: pgtopoVersion,
    created_at: plan.created_at,
    mode: plan.mode,
    topology: plan.topology,
    state: plan.state,
    has_changes: plan.has_changes,
    summary: plan.summary,
    targets: plan.targets,
    warnings: plan.warnings,
    resource_changes: plan.resource_changes.map((change) => ({
      address: change.address,
      provider: change.provider,
      type: change.type,
      name: change.name,
      action: change.action,
      id: change.id,
      reasons: change.reasons,
      changes: change.changes,
      dependencies: change.dependencies,
    })),
    drift: plan.drift,
  };
}

export function renderPlanJson(plan: Plan, pgtopoVersion: string): string {
  return `${JSON.stringify(planJson(plan, pgtopoVersion), null, 2)}\n`;
}
