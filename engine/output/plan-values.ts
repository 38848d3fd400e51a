// How one attribute value reads in plan output. Secrets were already replaced by `(sensitive)` in the plan.
import type { AttributeValue } from '../../providers/provider.ts';
import { isUnknown } from '../plan/attribute-values.ts';

export function formatValue(value: AttributeValue | undefined): string {
  if (value === undefined) return '(none)';
  if (value === '(sensitive)') return '(sensitive)';
  if (isUnknown(value)) return '(known after apply)';
  if (Array.isArray(value)) return `[${value.map((item) => formatValue(item)).join(', ')}]`;
  return JSON.stringify(value);
}
