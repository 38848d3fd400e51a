// What of a live object pgtopo owns: the fields its server-side applies set, as the API server records them in
// metadata.managedFields (fieldsV1) under manager `pgtopo`. Drift is read only from these, so what others add
// (an injected sidecar, an HPA's replica count, a label) is neither drift nor overwritten, and a field another
// manager took over (`kubectl edit`, another applier with force) leaves pgtopo's set and shows as drift.
// fieldsV1 keys: `f:<field>` a map field, `k:<json>` a list element by its key fields, `v:<json>` a set element,
// `i:<n>` an element by index, `.` the element itself.
import type { LiveObject } from './kubernetes-api.ts';

/** The field manager pgtopo applies as. */
export const FIELD_MANAGER = 'pgtopo';

export type FieldSet = { [key: string]: FieldSet };

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  fieldsV1?: FieldSet;
  subresource?: string;
}

function entries(live: LiveObject): ManagedFieldsEntry[] {
  return ((live.metadata as { managedFields?: ManagedFieldsEntry[] } | undefined)?.managedFields ?? []);
}

/** The fields pgtopo applied to this object (empty when it never applied it). */
export function pgtopoFields(live: LiveObject): FieldSet {
  const entry = entries(live).find((candidate) => candidate.manager === FIELD_MANAGER && candidate.operation === 'Apply' && !candidate.subresource);
  return entry?.fieldsV1 ?? {};
}

/** Who owns a top-level path such as ['spec', 'replicas'] now: pgtopo, another manager, or nobody. */
export function ownerOf(live: LiveObject, path: string[]): string | undefined {
  const owner = entries(live).find((entry) => path.reduce<FieldSet | undefined>((set, field) => set?.[`f:${field}`], entry.fieldsV1) !== undefined);
  return owner?.manager;
}

/** The part of `value` that `fields` covers. */
export function project(value: unknown, fields: FieldSet): unknown {
  const keys = Object.keys(fields).filter((key) => key !== '.');
  if (keys.length === 0) return value;
  if (Array.isArray(value)) return projectList(value, fields, keys);
  if (!isRecord(value)) return value;
  const projected: Record<string, unknown> = {};
  for (const key of keys) {
    if (!key.startsWith('f:')) continue;
    const field = key.slice(2);
    if (Object.hasOwn(value, field)) projected[field] = project(value[field], fields[key]!);
  }
  return projected;
}

function projectList(list: unknown[], fields: FieldSet, keys: string[]): unknown[] {
  const chosen = new Map<number, FieldSet>();
  for (const key of keys) {
    const index = elementIndex(list, key);
    if (index !== undefined) chosen.set(index, fields[key]!);
  }
  return [...chosen.keys()].sort((a, b) => a - b).map((index) => project(list[index], chosen.get(index)!));
}

function elementIndex(list: unknown[], key: string): number | undefined {
  if (key.startsWith('i:')) return Number(key.slice(2));
  const json = JSON.parse(key.slice(2)) as unknown;
  if (key.startsWith('v:')) return indexOrUndefined(list.findIndex((item) => JSON.stringify(item) === JSON.stringify(json)));
  if (key.startsWith('k:') && isRecord(json)) {
    return indexOrUndefined(list.findIndex((item) => isRecord(item) && Object.entries(json).every(([field, wanted]) => item[field] === wanted)));
  }
  return undefined;
}

function indexOrUndefined(index: number): number | undefined {
  return index < 0 ? undefined : index;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
