// The per-resource summary printed at the end of every apply, success or not, so a partial failure always says
// what was done, what failed and what was skipped.
import type { ApplyResult } from '../apply/apply-plan.ts';
import { paint } from './color.ts';
import { seconds } from './apply-progress.ts';

const DONE = { create: 'created', update: 'updated', replace: 'replaced', delete: 'destroyed', 'no-op': 'unchanged' } as const;

/** `verb` is what the user ran: a destroy that ends with "Apply complete!" reads like the wrong command ran. */
export function renderApplySummary(result: ApplyResult, verb: 'Apply' | 'Destroy' = 'Apply'): string {
  if (result.outcomes.length === 0) return `${paint('green', `${verb} complete! No changes.`)}\n`;
  const width = Math.max(...result.outcomes.map((outcome) => outcome.address.length));
  const lines = ['', paint('bold', 'Summary:')];
  for (const outcome of result.outcomes) {
    const status = outcome.status === 'done'
      ? paint('green', DONE[outcome.action])
      : outcome.status === 'failed' ? paint('red', `FAILED to ${outcome.action}`) : paint('yellow', `skipped ${outcome.action}`);
    const detail = outcome.status === 'done' ? `${seconds(outcome.elapsedMs)}${outcome.id ? ` id=${outcome.id}` : ''}` : outcome.message ?? '';
    lines.push(`  ${outcome.address.padEnd(width)}  ${status}  ${detail}`);
  }
  const done = result.outcomes.filter((outcome) => outcome.status === 'done');
  const count = (...actions: string[]): number => done.filter((outcome) => actions.includes(outcome.action)).length;
  const totals = `${count('create', 'replace')} added, ${count('update')} changed, ${count('delete', 'replace')} destroyed`;
  lines.push('');
  if (result.ok) {
    lines.push(paint('green', `${verb} complete! Resources: ${totals}.`));
  } else {
    const failed = result.outcomes.filter((outcome) => outcome.status === 'failed').length;
    const skipped = result.outcomes.filter((outcome) => outcome.status === 'skipped').length;
    const why = `${verb} ${result.interrupted ? 'interrupted' : 'failed'}`;
    lines.push(paint('red', `${why}: ${failed} failed, ${skipped} skipped; ${totals}. State records exactly what was done; run apply again to converge.`));
  }
  return `${lines.join('\n')}\n`;
}
