import type { Command } from 'commander';
import type { ProviderRegistry } from '../../providers/provider.ts';
import { runApply } from '../../engine/apply/run-apply.ts';
import type { Plan } from '../../engine/plan/plan-model.ts';
import { isSavedPlan, parseSavedPlan, SAVED_PLAN_LIMIT } from '../../engine/plan/saved-plan.ts';
import { assertSecretsReadable } from '../../engine/plan/secret-source-check.ts';
import { openWorkspace, planWorkspace, withLockedState, workspaceOf, type Workspace } from '../../engine/plan/workspace.ts';
import { loadTopologyBytes, readTopologyFile, TOPOLOGY_LIMIT } from '../../engine/topology/load-topology.ts';
import { lockOption, lockTimeoutMs, parallelismOption, targetOption } from '../command-options.ts';

export interface ApplyCommandOptions {
  autoApprove?: boolean;
  target?: string[];
  refreshOnly?: boolean;
  parallelism: number;
  lockTimeout: string;
}

export function register(program: Command, registry: ProviderRegistry): void {
  const command = program
    .command('apply')
    .description('apply the changes of a fresh plan (after asking), or exactly the changes of a saved plan')
    .argument('[file]', 'topology file or a plan saved with `plan --out`', 'pgtopo.yaml')
    .option('--auto-approve', 'do not ask for confirmation (needed without a terminal)')
    .option('--refresh-only', 'only record drift in state; change nothing else');
  targetOption(command);
  parallelismOption(command);
  lockOption(command);
  command.action(async (file: string, options: ApplyCommandOptions) => {
    // Read once: a pipe or `<(…)` is empty the second time. The first bytes say which kind of file it is.
    const read = await readTopologyFile(file, (head) => (isSavedPlan(head) ? SAVED_PLAN_LIMIT : TOPOLOGY_LIMIT));
    if (!('diagnostics' in read) && isSavedPlan(read.bytes)) {
      process.exitCode = await applySaved(parseSavedPlan(read.bytes, file), file, registry, options);
      return;
    }
    const loaded = 'diagnostics' in read ? { ok: false as const, diagnostics: read.diagnostics } : loadTopologyBytes(read, file, registry);
    process.exitCode = await applyFresh(await workspaceOf(loaded, file, registry), 'apply', options);
  });
}

/** Plan and apply under one lock, so what was shown is what runs. Shared with `destroy`. */
export async function applyFresh(workspace: Workspace, mode: 'apply' | 'destroy', options: ApplyCommandOptions): Promise<number> {
  return withLockedState(workspace, mode, lockTimeoutMs(options), async () => {
    const plan = await planWorkspace(workspace, options.refreshOnly ? 'refresh-only' : mode, options);
    return execute(workspace, plan, options, true);
  });
}

async function applySaved(plan: Plan, path: string, registry: ProviderRegistry, options: ApplyCommandOptions): Promise<number> {
  const workspace = await openWorkspace(plan.topology.file, registry);
  if (workspace.loaded.hash !== plan.topology.hash) {
    throw new Error(`the saved plan ${path} is stale: ${plan.topology.file} changed since the plan was made. Run pgtopo plan again.`);
  }
  // Reviewed already when it was saved; applying a saved plan is the approval.
  return withLockedState(workspace, 'apply', lockTimeoutMs(options), () => {
    if (plan.mode === 'apply') assertSecretsReadable(workspace.loaded, workspace.secrets, 'all');
    return execute(workspace, plan, { ...options, autoApprove: true }, false);
  });
}

function execute(workspace: Workspace, plan: Plan, options: ApplyCommandOptions, showPlan: boolean): Promise<number> {
  return runApply(plan, {
    registry: workspace.registry,
    backend: workspace.backend,
    secrets: workspace.secrets,
    parallelism: options.parallelism,
    autoApprove: Boolean(options.autoApprove),
    out: process.stdout,
    showPlan,
  });
}

