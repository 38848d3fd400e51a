// Field sets as the API server keeps them for server-side apply, for the fake API server: the paths an object
// sets, in fieldsV1 notation (`f:` map fields, `k:` list elements by merge key, `.` the element itself), merged
// into and removed from live objects. Only the merge keys of the kinds pgtopo writes are known; every other list
// is atomic (owned and replaced as a whole), as it is for most lists in Kubernetes.
type Json = unknown;
type JsonObject = Record<string, Json>;

/** A path of fieldsV1 elements, e.g. ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"proxy"}', 'f:image']. */
export type FieldPath = string[];

const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'], initContainers: ['name'], env: ['name'], volumes: ['name'], volumeMounts: ['mountPath'],
};
/** `ports` is keyed by containerPort in a container and by port in a Service. */
function mergeKey(field: string, items: Json[]): string[] | undefined {
  if (field === 'ports') return isObject(items[0]) && 'containerPort' in items[0] ? ['containerPort'] : ['port'];
  return MERGE_KEYS[field];
}

/** Identity and server-owned metadata: never part of anyone's field set. */
const UNOWNED_METADATA = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields']);

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fieldPaths(object: JsonObject): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status') continue;
    if (key === 'metadata' && isObject(value)) {
      const owned = Object.fromEntries(Object.entries(value).filter(([field]) => !UNOWNED_METADATA.has(field)));
      collect(owned, ['f:metadata'], paths);
    } else {
      collectField(key, value, [], paths);
    }
  }
  return paths;
}

function collect(object: JsonObject, prefix: FieldPath, paths: FieldPath[]): void {
  for (const [key, value] of Object.entries(object)) collectField(key, value, prefix, paths);
}

function collectField(key: string, value: Json, prefix: FieldPath, paths: FieldPath[]): void {
  const path = [...prefix, `f:${key}`];
  if (isObject(value) && Object.keys(value).length > 0) return collect(value, path, paths);
  const keys = Array.isArray(value) ? mergeKey(key, value) : undefined;
  if (!Array.isArray(value) || !keys) return void paths.push(path);
  for (const item of value as JsonObject[]) {
    const element = [...path, elementKey(item, keys)];
    paths.push([...element, '.']);
    collect(item, element, paths);
  }
}

function elementKey(item: JsonObject, keys: string[]): string {
  return `k:${JSON.stringify(Object.fromEntries(keys.map((key) => [key, item[key]])))}`;
}

export function pathId(path: FieldPath): string {
  return JSON.stringify(path);
}

/** The nested fieldsV1 document of a set of paths. */
export function fieldsV1(paths: FieldPath[]): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const element of path) node = (node[element] ??= {}) as JsonObject;
  }
  return root;
}

/** The value at a path (undefined when absent). */
export function valueAt(object: Json, path: FieldPath): Json {
  let node: Json = object;
  for (const element of path) {
    if (element === '.') return node;
    if (element.startsWith('f:')) node = isObject(node) ? node[element.slice(2)] : undefined;
    else node = Array.isArray(node) ? node.find((item) => matches(item, element)) : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function matches(item: Json, element: string): boolean {
  const key = JSON.parse(element.slice(2)) as JsonObject;
  return isObject(item) && Object.entries(key).every(([field, value]) => item[field] === value);
}

/**
 * `patch` merged into `live`: maps field by field, keyed lists element by element, anything else replaced. A keyed
 * list takes the order of the patch, as the API server does since 1.23; elements only the live list has keep their
 * place before the patch element that followed them.
 */
export function merge(live: Json, patch: Json, field = ''): Json {
  if (isObject(live) && isObject(patch)) {
    const merged: JsonObject = { ...live };
    for (const [key, value] of Object.entries(patch)) merged[key] = key in live ? merge(live[key], value, key) : value;
    return merged;
  }
  const keys = Array.isArray(patch) ? mergeKey(field, patch) : undefined;
  if (Array.isArray(live) && Array.isArray(patch) && keys) return mergeKeyedList(live as JsonObject[], patch as JsonObject[], keys);
  return patch;
}

function mergeKeyedList(live: JsonObject[], patch: JsonObject[], keys: string[]): Json[] {
  const keyOf = (item: JsonObject) => elementKey(item, keys);
  const patched = new Set(patch.map(keyOf));
  const merged: Json[] = [];
  let next = 0;
  for (const item of patch) {
    const at = live.findIndex((candidate) => keyOf(candidate) === keyOf(item));
    for (; at >= 0 && next < at; next++) if (!patched.has(keyOf(live[next]!))) merged.push(live[next]);
    if (at >= 0) next = Math.max(next, at + 1);
    merged.push(at >= 0 ? merge(live[at], item) : item);
  }
  for (; next < live.length; next++) if (!patched.has(keyOf(live[next]!))) merged.push(live[next]);
  return merged;
}

/** Removes the field (or, for a `.` path, the list element) at `path` from `object`, in place. */
export function removeAt(object: JsonObject, path: FieldPath): void {
  const last = path[path.length - 1]!;
  const parentPath = last === '.' ? path.slice(0, -2) : path.slice(0, -1);
  const parent = parentPath.length === 0 ? object : valueAt(object, parentPath);
  if (last === '.') {
    const element = path[path.length - 2]!;
    const index = Array.isArray(parent) ? parent.findIndex((item) => matches(item, element)) : -1;
    if (index >= 0) (parent as Json[]).splice(index, 1);
  } else if (isObject(parent) && last.startsWith('f:')) {
    delete parent[last.slice(2)];
  }
}
