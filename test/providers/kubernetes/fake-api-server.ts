// An HTTP fake of the Kubernetes API server on loopback, implementing what the kubernetes provider uses:
// discovery (/api/v1, /apis/<group>/<version>), get, list with equality label selectors, delete, and server-side
// apply (PATCH application/apply-patch+yaml) with field managers, conflicts, `force` and metadata.managedFields.
// Tests change objects as other managers would: `applyAs` (another applier) and `updateAs` (kubectl edit, an HPA:
// the fields it changes move to it). Everything is in memory; `close` stops it.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fieldPaths, fieldsV1, isObject, merge, pathId, removeAt, valueAt, type FieldPath } from './field-sets.ts';

type JsonObject = Record<string, unknown>;

export interface FakeResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
}

export const BUILTIN_RESOURCES: FakeResource[] = [
  { group: '', version: 'v1', kind: 'Service', plural: 'services' },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets' },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts' },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments' },
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets' },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices' },
];

interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  paths: FieldPath[];
}

interface Stored {
  object: JsonObject;
  managers: ManagerEntry[];
}

export class FakeApiServer {
  readonly #resources: FakeResource[];
  readonly #objects = new Map<string, Stored>();
  readonly #server: Server;
  #version = 1;
  /** Every request, as `METHOD path`, for tests that count calls. */
  readonly requests: string[] = [];

  private constructor(resources: FakeResource[]) {
    this.#resources = resources;
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  static async start(extraResources: FakeResource[] = []): Promise<FakeApiServer> {
    const fake = new FakeApiServer([...BUILTIN_RESOURCES, ...extraResources]);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** A kubeconfig (YAML) whose context `fake` points at this server (plain HTTP, which the client allows only with skip-verify). */
  kubeconfig(namespace = 'default'): string {
    return [
      'apiVersion: v1', 'kind: Config', 'current-context: fake',
      `clusters: [{ name: fake, cluster: { server: "${this.url}", insecure-skip-tls-verify: true } }]`,
      'users: [{ name: tester, user: { token: not-a-secret } }]',
      `contexts: [{ name: fake, context: { cluster: fake, user: tester, namespace: ${namespace} } }]`, '',
    ].join('\n');
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Puts an object as its controller would (an operator's Service, a Secret), owned by `manager`. */
  seed(object: JsonObject, manager = 'seed'): void {
    this.applyAs(manager, object, true);
  }

  get(apiVersion: string, kind: string, namespace: string, name: string): JsonObject | undefined {
    return this.#objects.get(key(apiVersion, kind, namespace, name))?.object;
  }

  objects(kind?: string): JsonObject[] {
    return [...this.#objects.values()].map((stored) => stored.object).filter((object) => kind === undefined || object.kind === kind);
  }

  remove(apiVersion: string, kind: string, namespace: string, name: string): void {
    this.#objects.delete(key(apiVersion, kind, namespace, name));
  }

  /** Server-side apply by `manager`; throws a 409-style error on a conflict without `force`. */
  applyAs(manager: string, config: JsonObject, force: boolean): JsonObject {
    const metadata = config.metadata as JsonObject;
    const id = key(String(config.apiVersion), String(config.kind), String(metadata.namespace), String(metadata.name));
    const stored = this.#objects.get(id) ?? { object: {}, managers: [] };
    const paths = fieldPaths(config);
    const wanted = new Set(paths.map(pathId));
    const conflicts: string[] = [];
    for (const entry of stored.managers.filter((candidate) => candidate.manager !== manager)) {
      entry.paths = entry.paths.filter((path) => {
        if (!wanted.has(pathId(path)) || path.at(-1) === '.') return true;
        const same = JSON.stringify(valueAt(stored.object, path)) === JSON.stringify(valueAt(config, path));
        if (same) return true; // applied with the same value: owned together
        if (!force) conflicts.push(`${path.join('.')} (owned by ${entry.manager})`);
        return false;
      });
    }
    if (conflicts.length > 0) throw new ConflictError(`Apply failed with ${conflicts.length} conflicts: ${conflicts.join(', ')}`);
    const previous = stored.managers.find((entry) => entry.manager === manager && entry.operation === 'Apply')?.paths ?? [];
    let object = merge(stored.object, config) as JsonObject;
    const ownedByOthers = new Set(stored.managers.filter((entry) => entry.manager !== manager).flatMap((entry) => entry.paths.map(pathId)));
    for (const path of previous) {
      if (!wanted.has(pathId(path)) && !ownedByOthers.has(pathId(path))) removeAt(object, path);
    }
    object = withDefaults(object);
    const managers = [...stored.managers.filter((entry) => !(entry.manager === manager && entry.operation === 'Apply')), { manager, operation: 'Apply' as const, paths }];
    return this.#store(id, object, managers);
  }

  /** An update by `manager` (kubectl edit, a controller): the fields `change` sets or changes move to it. */
  updateAs(manager: string, apiVersion: string, kind: string, namespace: string, name: string, change: (object: JsonObject) => void): JsonObject {
    const id = key(apiVersion, kind, namespace, name);
    const stored = this.#objects.get(id);
    if (!stored) throw new Error(`no ${kind} ${namespace}/${name}`);
    const object = structuredClone(stored.object);
    change(object);
    const changed = fieldPaths(object).filter((path) => JSON.stringify(valueAt(object, path)) !== JSON.stringify(valueAt(stored.object, path)));
    const moved = new Set(changed.map(pathId));
    const present = new Set(fieldPaths(object).map(pathId));
    const managers = stored.managers.map((entry) => ({ ...entry, paths: entry.paths.filter((path) => !moved.has(pathId(path)) && present.has(pathId(path))) }));
    const mine = managers.find((entry) => entry.manager === manager && entry.operation === 'Update');
    if (mine) mine.paths.push(...changed);
    else managers.push({ manager, operation: 'Update', paths: changed });
    return this.#store(id, object, managers);
  }

  #store(id: string, object: JsonObject, managers: ManagerEntry[]): JsonObject {
    const kept = managers.filter((entry) => entry.paths.length > 0);
    const metadata = object.metadata as JsonObject;
    metadata.uid ??= randomUUID();
    metadata.resourceVersion = String(++this.#version);
    metadata.creationTimestamp ??= new Date(0).toISOString();
    metadata.managedFields = kept.map((entry) => ({
      manager: entry.manager, operation: entry.operation, apiVersion: object.apiVersion, fieldsType: 'FieldsV1', fieldsV1: fieldsV1(entry.paths),
    }));
    this.#objects.set(id, { object, managers: kept });
    return object;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push(`${request.method} ${url.pathname}`);
    try {
      const body = await readBody(request);
      const answer = this.#route(request.method ?? 'GET', url, request.headers['content-type'] ?? '', body);
      send(response, answer.code, answer.body);
    } catch (error) {
      const code = error instanceof ConflictError ? 409 : error instanceof NotFound ? 404 : 400;
      send(response, code, status(code, (error as Error).message));
    }
  }

  #route(method: string, url: URL, contentType: string, body: string): { code: number; body: unknown } {
    const discovery = this.#discovery(url.pathname);
    if (discovery) return { code: 200, body: discovery };
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) throw new NotFound(`the server could not find the requested resource (${url.pathname})`);
    const [, coreVersion, group = '', groupVersion, namespace, plural, name] = match;
    const resource = this.#resources.find((candidate) => candidate.group === group && candidate.version === (coreVersion ?? groupVersion) && candidate.plural === plural);
    if (!resource) throw new NotFound(`the server could not find the requested resource (${url.pathname})`);
    const apiVersion = group ? `${group}/${resource.version}` : resource.version;
    if (name === undefined && method === 'GET') return { code: 200, body: this.#list(resource, apiVersion, namespace!, url.searchParams.get('labelSelector')) };
    if (name === undefined) throw new Error(`${method} on a collection is not supported by the fake`);
    return this.#item(method, { resource, apiVersion, namespace: namespace!, name }, url, contentType, body);
  }

  #item(method: string, target: { resource: FakeResource; apiVersion: string; namespace: string; name: string }, url: URL, contentType: string,
    body: string): { code: number; body: unknown } {
    const { resource, apiVersion, namespace, name } = target;
    const id = key(apiVersion, resource.kind, namespace, name);
    if (method === 'GET') {
      const stored = this.#objects.get(id);
      if (!stored) throw new NotFound(`${resource.plural} "${name}" not found`);
      return { code: 200, body: stored.object };
    }
    if (method === 'DELETE') {
      if (!this.#objects.delete(id)) throw new NotFound(`${resource.plural} "${name}" not found`);
      return { code: 200, body: status(200, 'deleted') };
    }
    if (method === 'PATCH' && contentType.startsWith('application/apply-patch')) {
      const manager = url.searchParams.get('fieldManager');
      if (!manager) throw new Error('fieldManager is required for apply requests');
      const config = JSON.parse(body) as JsonObject;
      const metadata = (config.metadata ?? {}) as JsonObject;
      if (metadata.name !== name || (metadata.namespace ?? namespace) !== namespace) throw new Error('the name or namespace of the body does not match the URL');
      const created = !this.#objects.has(id);
      const object = this.applyAs(manager, { ...config, apiVersion, kind: resource.kind, metadata: { ...metadata, namespace } }, url.searchParams.get('force') === 'true');
      return { code: created ? 201 : 200, body: object };
    }
    throw new Error(`${method} ${contentType} is not supported by the fake`);
  }

  #list(resource: FakeResource, apiVersion: string, namespace: string, selector: string | null): JsonObject {
    const wanted = (selector ?? '').split(',').filter(Boolean).map((term) => term.split('=') as [string, string]);
    const items = [...this.#objects.values()].map((stored) => stored.object).filter((object) => {
      const metadata = object.metadata as { namespace?: string; labels?: Record<string, string> };
      return object.apiVersion === apiVersion && object.kind === resource.kind && metadata.namespace === namespace &&
        wanted.every(([label, value]) => metadata.labels?.[label] === value);
    });
    return { apiVersion, kind: `${resource.kind}List`, metadata: { resourceVersion: String(this.#version) }, items };
  }

  #discovery(path: string): JsonObject | undefined {
    const groupVersion = path === '/api/v1' ? 'v1' : /^\/apis\/([^/]+\/[^/]+)$/.exec(path)?.[1];
    if (groupVersion === undefined) return undefined;
    const resources = this.#resources.filter((resource) => (resource.group ? `${resource.group}/${resource.version}` : resource.version) === groupVersion);
    if (resources.length === 0) throw new NotFound(`the server could not find the requested resource (${path})`);
    return {
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion,
      resources: resources.map((resource) => ({
        name: resource.plural, singularName: resource.kind.toLowerCase(), namespaced: true, kind: resource.kind,
        verbs: ['get', 'list', 'patch', 'delete'],
      })),
    };
  }
}

class ConflictError extends Error {}
class NotFound extends Error {}

function key(apiVersion: string, kind: string, namespace: string, name: string): string {
  return `${apiVersion}\0${kind}\0${namespace}\0${name}`;
}

/** What the real API server defaults and nobody owns: a Deployment's replicas, a Service's cluster IP. */
function withDefaults(object: JsonObject): JsonObject {
  const spec = object.spec;
  if (object.kind === 'Deployment' && isObject(spec) && spec.replicas === undefined) spec.replicas = 1;
  if (object.kind === 'Service' && isObject(spec) && spec.clusterIP === undefined) spec.clusterIP = '10.96.0.10';
  return object;
}

function status(code: number, message: string): JsonObject {
  return { kind: 'Status', apiVersion: 'v1', status: code < 300 ? 'Success' : 'Failure', message, code };
}

function send(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
  });
}
