// Comparing and masking attribute values. Sensitive values live in state only as `{ $sensitive: { reference, hmac } }`:
// the hmac (keyed by the workspace's digest key, see engine/state/secret-digest.ts) lets the engine see a rotated
// secret without ever storing it.
import type { AttributeValue, SecretReference } from '../../providers/provider.ts';

export interface SensitiveRecord {
  $sensitive: { reference: SecretReference | null; hmac: string | null };
}

export function isSensitiveRecord(value: unknown): value is SensitiveRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$sensitive' in value;
}

export function isUnknown(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$unknown' in value;
}

export function sensitiveRecord(reference: SecretReference | null, hmac: string | null): SensitiveRecord {
  return { $sensitive: { reference, hmac } };
}

/** The text a sensitive value is hashed from: strings as they are, anything else as JSON. */
export function secretText(value: AttributeValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function valuesEqual(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with sorted keys, so maps compare by content. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([left], [right]) => left.localeCompare(right)))
      : inner);
}

/** Replaces sensitive records by a bare marker for output: hashes are not for printing either. */
export function redactForOutput(value: AttributeValue | undefined): AttributeValue | undefined {
  if (isSensitiveRecord(value)) return '(sensitive)';
  return value;
}
