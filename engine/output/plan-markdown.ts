// A plan summary fit for a pull-request comment: the summary line, a table of actions, drift folded away.
import { formatValue } from './plan-values.ts';
import { summaryLine } from './plan-text.ts';
import type { Plan, PlanAction } from '../plan/plan-model.ts';

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
        .map((attribute) => `\`${attribute.name}\`: ${escapeCell(formatValue(attribute.before))} → ${escapeCell(formatValue(attribute.after))}`)];
      lines.push(`| ${LABELS[change.action]} | \`${change.address}\` | ${change.type} | ${details.join('<br>')} |`);
    }
    lines.push('');
  }
  if (plan.drift.length > 0) {
    lines.push(`<details><summary>Drift: ${plan.drift.length} object(s) changed outside pgtopo</summary>`, '');
    for (const entry of plan.drift) {
      const what = entry.kind === 'deleted' ? 'deleted' : entry.changes.map((change) => `\`${change.name}\` ${formatValue(change.before)} → ${formatValue(change.after)}`).join(', ');
      lines.push(`- \`${entry.address}\`: ${what}`);
    }
    lines.push('', '</details>', '');
  }
  for (const warning of plan.warnings) lines.push(`> ⚠️ ${warning}`);
  return `${lines.join('\n')}\n`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}
