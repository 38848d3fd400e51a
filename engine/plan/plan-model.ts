// The plan: what apply will do, exactly. Saved plans and `--json` use this shape; its `format_version` changes
// only with a documented migration (see engine/README.md, "Plan JSON format").
import type { AppliesBy, AttributeValue, DesiredResource, ObservedObject } from '../../providers/provider.ts';
import type { State } from '../state/state-format.ts';

export const PLAN_FORMAT_VERSION = '1.0';

export type PlanAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op';
export type PlanMode = 'apply' | 'destroy' | 'refresh-only';

/** A value not known until apply (it comes from a resource created or replaced by this plan). */
export const UNKNOWN_VALUE = { $unknown: true } as const;

export interface AttributeChange {
  name: string;
  /** Undefined when the attribute did not exist before. */
  before?: AttributeValue;
  after?: AttributeValue;
  forcesReplacement: boolean;
  sensitive: boolean;
  /** For an update of an attribute whose schema says how it reaches the running object (restart or reload). */
  appliesBy?: AppliesBy;
  /** What inside the attribute needs the restart, when the provider can tell (`shared_buffers` of `parameters`). */
  restartsFor?: string[];
}

export interface ResourceChange {
  address: string;
  provider: string;
  type: string;
  name: string;
  scope: string;
  action: PlanAction;
  /** Id of the existing object, for update/replace/delete. */
  id: string | null;
  /** Why this action: "port forces replacement", "deleted outside pgtopo", "no longer declared". */
  reasons: string[];
  changes: AttributeChange[];
  dependencies: string[];
  /** What apply sends to the provider; secrets stay references here. Null for deletes. */
  desired: DesiredResource | null;
}

export interface DriftEntry {
  address: string;
  kind: 'changed' | 'deleted';
  changes: AttributeChange[];
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  replace: number;
}

export interface Plan {
  format_version: string;
  created_at: string;
  mode: PlanMode;
  topology: { name: string; file: string; hash: string };
  /** The stored state this plan was made from; apply refuses the plan when it no longer matches. */
  state: { lineage: string; serial: number };
  /** The state after refresh (objects found again, vanished ones dropped); apply starts from it. */
  prior_state: State;
  /** Discovered values of data sources, used to resolve references at apply time. */
  data_sources: Record<string, ObservedObject>;
  resource_changes: ResourceChange[];
  drift: DriftEntry[];
  summary: PlanSummary;
  targets: string[];
  warnings: string[];
  /** True when apply would change anything, including recording refreshed state. */
  has_changes: boolean;
  /**
   * prior_state holds secret digests confirmed in the old lineage-keyed form and now keyed by the workspace key:
   * apply writes state even with nothing else to do, so the old form leaves the state file.
   */
  upgrades_secret_digests?: boolean;
}

export function summarize(changes: ResourceChange[]): PlanSummary {
  const count = (action: PlanAction): number => changes.filter((change) => change.action === action).length;
  const replace = count('replace');
  return { add: count('create') + replace, change: count('update'), destroy: count('delete') + replace, replace };
}

export function actionableChanges(plan: Plan): ResourceChange[] {
  return plan.resource_changes.filter((change) => change.action !== 'no-op');
}
