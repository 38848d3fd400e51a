// The interactive apply: show the plan, ask (unless auto-approved), apply with live progress and Ctrl-C handling,
// print the per-resource summary. Returns the exit code: 0 done, 1 anything failed or was interrupted.
import type { Writable } from 'node:stream';
import { renderPlanText } from '../output/plan-text.ts';
import { ApplyProgress } from '../output/apply-progress.ts';
import { renderApplySummary } from '../output/apply-summary.ts';
import { renderApplyOutputs } from '../output/apply-outputs.ts';
import type { Plan } from '../plan/plan-model.ts';
import { applyPlan, type ApplyOptions } from './apply-plan.ts';
import { confirmApply } from './confirm.ts';
import { watchInterrupts } from './interrupt.ts';

export interface RunApplyOptions extends Omit<ApplyOptions, 'onEvent' | 'stopped' | 'signal'> {
  autoApprove: boolean;
  out: Writable;
  /** A saved plan was already reviewed: do not print it again in full. */
  showPlan: boolean;
}

export async function runApply(plan: Plan, options: RunApplyOptions): Promise<number> {
  if (options.showPlan) options.out.write(renderPlanText(plan));
  if (!plan.has_changes) {
    // Nothing to change or to ask about, but state still holds secret digests in the old form: rewrite it.
    if (plan.upgrades_secret_digests) await applyPlan(plan, options);
    options.out.write(renderApplyOutputs(plan.prior_state, options.registry));
    return 0;
  }
  const command = plan.mode === 'destroy' ? 'Destroy' : 'Apply';
  if (!options.autoApprove) {
    const verb = plan.mode === 'destroy' ? 'destroy all these resources' : 'perform these actions';
    if (!(await confirmApply(`\nDo you want pgtopo to ${verb}?`))) {
      options.out.write(`${command} cancelled.\n`);
      return 1;
    }
  }
  options.out.write('\n');
  const progress = new ApplyProgress(options.out);
  const interruption = watchInterrupts((message) => options.out.write(message));
  try {
    const result = await applyPlan(plan, { ...options, onEvent: progress.handle, stopped: interruption.stopped, signal: interruption.signal });
    options.out.write(renderApplySummary(result, command));
    if (result.ok) options.out.write(renderApplyOutputs(result.state, options.registry));
    return result.ok && !result.interrupted ? 0 : 1;
  } finally {
    progress.close();
    interruption.dispose();
  }
}
