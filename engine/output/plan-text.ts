// Terraform-style plan text: a drift section, then one block per resource with attribute-level before → after
// (nested maps and lists key by key, see plan-blocks.ts), then the summary line.
import { paint } from './color.ts';
import { changeLines, padNames, valueLines } from './plan-blocks.ts';
import type { AttributeChange, DriftEntry, Plan, PlanAction, ResourceChange } from '../plan/plan-model.ts';

const SYMBOLS: Record<PlanAction, string> = { create: '+', update: '~', replace: '-/+', delete: '-', 'no-op': ' ' };
const COLOURS = { create: 'green', update: 'yellow', replace: 'magenta', delete: 'red', 'no-op': 'gray' } as const;
const VERBS: Record<PlanAction, string> = {
  create: 'will be created', update: 'will be updated in place', replace: 'must be replaced', delete: 'will be destroyed', 'no-op': 'unchanged',
};

export function renderPlanText(plan: Plan): string {
  const lines: string[] = [];
  for (const warning of plan.warnings) lines.push(paint('yellow', `Warning: ${warning}`), '');
  if (plan.drift.length > 0) lines.push(...renderDrift(plan.drift), '');
  const changes = plan.resource_changes.filter((change) => change.action !== 'no-op');
  if (plan.mode === 'refresh-only') {
    lines.push(plan.drift.length > 0 ? 'Apply will record these changes in state; nothing else is touched.' : 'No changes. State matches reality.');
    return `${lines.join('\n')}\n`;
  }
  if (changes.length === 0) {
    lines.push(paint('green', 'No changes. Reality matches the topology.'));
    if (plan.has_changes) lines.push('Apply will only record refreshed state.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('pgtopo will perform these actions:', '');
  for (const change of changes) lines.push(...renderChange(change), '');
  lines.push(paint('bold', summaryLine(plan)));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(plan: Plan): string {
  const { add, change, destroy } = plan.summary;
  return `Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`;
}

function renderChange(change: ResourceChange): string[] {
  const colour = COLOURS[change.action];
  const why = change.reasons.length > 0 ? ` (${change.reasons.join('; ')})` : '';
  const header = [
    paint('bold', `  # ${change.address} ${VERBS[change.action]}${why}`),
    `${paint(colour, SYMBOLS[change.action].padStart(3))} ${change.type} "${change.name}"${change.id ? ` id=${change.id}` : ''}`,
  ];
  if (change.action === 'delete') return header;
  return [...header, ...renderAttributes(change.changes, change.action)];
}

function renderAttributes(changes: AttributeChange[], action: PlanAction): string[] {
  const pad = padNames(changes.map((attribute) => attribute.name));
  return changes.flatMap((attribute) => {
    if (action === 'create') return valueLines('+', pad(attribute.name), attribute.after, 6);
    const forces = attribute.forcesReplacement ? paint('red', '  # forces replacement') : '';
    return changeLines(pad(attribute.name), attribute.before, attribute.after, 6, forces);
  });
}

function renderDrift(drift: DriftEntry[]): string[] {
  const lines = [paint('bold', 'Objects changed outside pgtopo (drift):'), ''];
  for (const entry of drift) {
    if (entry.kind === 'deleted') {
      lines.push(`  ${paint('red', '-')} ${entry.address} was deleted`);
      continue;
    }
    lines.push(`  ${paint('yellow', '~')} ${entry.address}`);
    lines.push(...renderAttributes(entry.changes, 'update'));
  }
  return lines;
}
