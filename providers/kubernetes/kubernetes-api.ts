// The API calls the provider makes, over @kubernetes/client-node's generic object client (it finds each kind's
// resource through the API server's discovery): get, list by label selector, server-side apply as field manager
// `pgtopo`, delete. Errors say which object and what the server answered, never a request body (it may name a
// Secret, never its value, but stays out of messages anyway).
import { ApiException, KubernetesObjectApi, PatchStrategy, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { FIELD_MANAGER } from './managed-fields.ts';

/** A kind the provider reads or writes. */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

export type LiveObject = KubernetesObject & Record<string, unknown>;

export class KubernetesApiError extends Error {
  readonly code: number | undefined;

  constructor(message: string, code: number | undefined) {
    super(message);
    this.code = code;
  }
}

export class KubernetesApi {
  readonly #objects: KubernetesObjectApi;
  readonly #server: string;

  constructor(config: KubeConfig) {
    this.#objects = KubernetesObjectApi.makeApiClient(config);
    this.#server = config.getCurrentCluster()?.server ?? '?';
  }

  /** Whether the API server serves this kind in the namespace (a CRD that is not installed: false). */
  async serves(kind: KindRef, namespace: string): Promise<boolean> {
    try {
      await this.#objects.list(kind.apiVersion, kind.kind, namespace, undefined, undefined, undefined, undefined, undefined, 1);
      return true;
    } catch (error) {
      // Discovery has no such group/version (404), or the group lists no such kind.
      if (error instanceof ApiException && error.code === 404) return false;
      if (error instanceof Error && error.message.startsWith('Unrecognized API version and kind')) return false;
      throw this.#failure(error, `discovering ${kind.apiVersion} ${kind.kind}`);
    }
  }

  /** The object, or undefined when it does not exist. */
  async get(kind: KindRef, namespace: string, name: string): Promise<LiveObject | undefined> {
    try {
      return await this.#objects.read<LiveObject>({ ...kind, metadata: { name, namespace } });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw this.#failure(error, `reading ${kind.kind} ${namespace}/${name}`);
    }
  }

  async list(kind: KindRef, namespace: string, labelSelector: string): Promise<LiveObject[]> {
    try {
      const list = await this.#objects.list<LiveObject>(kind.apiVersion, kind.kind, namespace, undefined, undefined, undefined, undefined, labelSelector);
      return list.items;
    } catch (error) {
      throw this.#failure(error, `listing ${kind.kind} in ${namespace}`);
    }
  }

  /** Server-side apply as `pgtopo`, taking over fields another manager set (the declared value wins). */
  async apply(object: LiveObject): Promise<LiveObject> {
    try {
      return await this.#objects.patch<LiveObject>(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
    } catch (error) {
      throw this.#failure(error, `applying ${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}`);
    }
  }

  async delete(kind: KindRef, namespace: string, name: string): Promise<void> {
    try {
      await this.#objects.delete({ ...kind, metadata: { name, namespace } }, undefined, undefined, undefined, undefined, 'Background');
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return;
      throw this.#failure(error, `deleting ${kind.kind} ${namespace}/${name}`);
    }
  }

  #failure(error: unknown, doing: string): KubernetesApiError {
    if (error instanceof ApiException) {
      return new KubernetesApiError(`${doing}: the API server at ${this.#server} answered ${error.code}: ${statusMessage(error.body)}`, error.code);
    }
    return new KubernetesApiError(`${doing}: cannot reach the API server at ${this.#server}: ${(error as Error).message}`, undefined);
  }
}

/** The `message` of a Kubernetes Status body, else the body itself, shortened. */
function statusMessage(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  try {
    const status = JSON.parse(text) as { message?: string };
    if (status.message) return status.message;
  } catch {
    // not JSON: shown as it is
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
