// A plan summary fit for a pull-request comment: the summary line, a table of actions, drift folded away.
import { formatValue } from './plan-values.ts';
import { summaryLine } from './plan-text.ts';
import { diffValues, type ValueDiff } from './value-diff.ts';
import type { AttributeChange, Plan, PlanAction } from '../plan/plan-model.ts';

const LABELS: Record<PlanAction, string> = { create: '➕ create', update: '✏️ update', replace: '♻️ replace', delete: '🗑️ delete', 'no-op': 'no-op' };

export function renderPlanMarkdown(plan: Plan): string {
  const changes = plan.resource_changes.filter((change) => change.action !== 'no-op');
  const lines = [`### pgtopo plan for \`${plan.topology.name}\``, ''];
  lines.push(changes.length === 0 ? '**No changes.** Reality matches the topology.' : `**${summaryLine(plan)}**`, '');
  if (changes.length > 0) {
    lines.push('| Action | Resource | Type | Details |', '| --- | --- | --- | --- |');
    for (const change of changes) {
      const details = [...change.reasons, ...change.changes
        .filter(() => change.action !== 'create')
        .flatMap(changedLeaves)
        .map((leaf) => `\`${leaf.path}\`: ${escapeCell(formatValue(leaf.before))} → ${escapeCell(formatValue(leaf.after))}`)];
      lines.push(`| ${LABELS[change.action]} | \`${change.address}\` | ${change.type} | ${details.join('<br>')} |`);
    }
    lines.push('');
  }
  if (plan.drift.length > 0) {
    lines.push(`<details><summary>Drift: ${plan.drift.length} object(s) changed outside pgtopo</summary>`, '');
    for (const entry of plan.drift) {
      const what = entry.kind === 'deleted' ? 'deleted'
        : entry.changes.flatMap(changedLeaves).map((leaf) => `\`${leaf.path}\` ${formatValue(leaf.before)} → ${formatValue(leaf.after)}`).join(', ');
      lines.push(`- \`${entry.address}\`: ${what}`);
    }
    lines.push('', '</details>', '');
  }
  for (const warning of plan.warnings) lines.push(`> ⚠️ ${warning}`);
  return `${lines.join('\n')}\n`;
}

interface Leaf {
  path: string;
  before: AttributeChange['before'];
  after: AttributeChange['after'];
}

/** A nested change as one cell line per changed key or element: `router.poolSize`, `backends[1].port`. */
function changedLeaves(change: AttributeChange): Leaf[] {
  const diff = diffValues(change.before, change.after);
  return diff.kind === 'same' ? [{ path: change.name, before: change.before, after: change.after }] : leavesOf(change.name, diff);
}

function leavesOf(path: string, diff: ValueDiff): Leaf[] {
  switch (diff.kind) {
    case 'same': return [];
    case 'added': return [{ path, before: undefined, after: diff.value }];
    case 'removed': return [{ path, before: diff.value, after: undefined }];
    case 'changed': return [{ path, before: diff.before, after: diff.after }];
    case 'map': return diff.entries.flatMap(([key, entry]) => leavesOf(`${path}.${key}`, entry));
    case 'list': {
      // Numbered by position in the new list; a removed element by where it was.
      let position = 0;
      return diff.items.flatMap((item) => leavesOf(`${path}[${item.kind === 'removed' ? position : position++}]`, item));
    }
  }
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
