// How one attribute value reads in plan output. Secrets were already replaced by `(sensitive)` in the plan;
// values only known after apply read `(known after apply)` wherever they sit inside lists and maps.
import type { AttributeValue } from '../../providers/provider.ts';
import { isSensitiveRecord, isUnknown } from '../plan/attribute-values.ts';

const UNKNOWN_MARK = '\u0000known after apply\u0000';
const SENSITIVE_MARK = '\u0000sensitive\u0000';

export function formatValue(value: AttributeValue | undefined): string {
  if (value === undefined) return '(none)';
  if (value === '(sensitive)') return '(sensitive)';
  if (Array.isArray(value)) return `[${value.map((item) => formatValue(item)).join(', ')}]`;
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    isUnknown(inner) ? UNKNOWN_MARK : isSensitiveRecord(inner) ? SENSITIVE_MARK : inner);
  return text
    .replaceAll(JSON.stringify(UNKNOWN_MARK), '(known after apply)')
    .replaceAll(JSON.stringify(SENSITIVE_MARK), '(sensitive)');
}
