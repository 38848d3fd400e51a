// A resource type for one kind of object pgtopo server-side applies (Deployment, Service, ConfigMap, …). Create and
// update send the whole declared object as field manager `pgtopo` (what it no longer declares is removed by the
// API server); read lists the topology's objects by owner label and reports only the fields pgtopo manages
// (managed-fields.ts); delete removes the object, which is how what is no longer declared gets pruned.
import type { AttributeSchema, AttributeValue, ObservedObject, OperationInput, ProviderContext, ResourceType } from '../provider.ts';
import type { KindRef, KubernetesApi, LiveObject } from './kubernetes-api.ts';
import { isRecord, pgtopoFields, project } from './managed-fields.ts';
import { TOPOLOGY_LABEL } from './owner-labels.ts';
import { parseScope } from './kubernetes-scope.ts';

export interface AppliedKind extends KindRef {
  type: string;
  /** Attributes besides `manifest`. */
  attributes?: Record<string, AttributeSchema>;
  /** The object to apply, without apiVersion, kind, name and namespace; `current` is the object being updated. */
  toBody?(attributes: Record<string, AttributeValue>, current: ObservedObject | undefined): Record<string, unknown>;
  /** Attributes from what pgtopo manages of the live object (identity removed) and the whole live object. */
  fromLive?(owned: Record<string, unknown>, live: LiveObject): Record<string, AttributeValue>;
}

export type ApiOf = (scope: string) => KubernetesApi;

export function appliedObjectType(spec: AppliedKind, apiOf: ApiOf): ResourceType {
  const kind: KindRef = { apiVersion: spec.apiVersion, kind: spec.kind };
  const fromLive = spec.fromLive ?? ((owned) => ({ manifest: owned as AttributeValue }));
  // `scope` rides along as a computed attribute: delete gets only the object, and must know where it lives.
  const observe = (live: LiveObject, scope: string): ObservedObject => ({
    id: String(live.metadata?.uid ?? `${live.metadata?.namespace}/${live.metadata?.name}`),
    name: String(live.metadata?.name),
    attributes: { ...fromLive(ownedPart(live), live), scope },
  });
  const apply = async (input: OperationInput, current: ObservedObject | undefined): Promise<ObservedObject> =>
    observe(await apiOf(input.scope).apply(objectToApply(spec, input, current)), input.scope);
  return {
    name: spec.type,
    mode: 'managed',
    attributes: { manifest: { description: `the ${spec.kind} as pgtopo applies it (server-side apply, field manager pgtopo)` }, ...spec.attributes, scope: { computed: true } },
    async read(scope, context: ProviderContext) {
      const { namespace } = parseScope(scope);
      const items = await apiOf(scope).list(kind, namespace, `${TOPOLOGY_LABEL}=${context.topology.name}`);
      return items.map((live) => observe(live, scope));
    },
    async create(input, context) {
      const { namespace } = parseScope(input.scope);
      const existing = await apiOf(input.scope).get(kind, namespace, input.name);
      if (existing) throw new Error(alreadyExists(spec.kind, input.address, existing, context.topology.name));
      return apply(input, undefined);
    },
    update: (current, input) => apply(input, current),
    delete: (current) => deleteByName(apiOf, kind, current),
  };
}

/** Why a create stops at an object of the same name, and how to adopt it: pgtopo never takes one over silently. */
function alreadyExists(kind: string, address: string, existing: LiveObject, topology: string): string {
  const { name, namespace, uid, labels } = existing.metadata as { name: string; namespace: string; uid?: string; labels?: Record<string, string> };
  const where = `a ${kind} named ${name} already exists in namespace ${namespace}`;
  const importIt = `\`pgtopo import ${address} ${uid ?? '<uid>'}\``;
  if (labels?.[TOPOLOGY_LABEL] === topology) return `${where}, labelled as this topology's but not in its state; adopt it with ${importIt}`;
  return `${where} and pgtopo did not create it; remove it, or adopt it: \`kubectl label -n ${namespace} ${kind.toLowerCase()} ${name} ${TOPOLOGY_LABEL}=${topology}\`, then ${importIt}`;
}

/** The whole object an apply sends (what `pgtopo render --format kubernetes` prints, too). */
export function objectToApply(spec: AppliedKind, input: Pick<OperationInput, 'name' | 'scope' | 'attributes'>, current: ObservedObject | undefined): LiveObject {
  const { namespace } = parseScope(input.scope);
  const body = spec.toBody ? spec.toBody(input.attributes, current) : input.attributes.manifest as Record<string, unknown>;
  const metadata = { ...(body.metadata as object | undefined), name: input.name, namespace };
  return { apiVersion: spec.apiVersion, kind: spec.kind, ...body, metadata } as LiveObject;
}

/** The fields pgtopo manages of a live object, without its identity (apiVersion, kind, name, namespace). */
function ownedPart(live: LiveObject): Record<string, unknown> {
  const owned = project(live, pgtopoFields(live));
  if (!isRecord(owned)) return {};
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = owned;
  if (isRecord(rest.metadata)) {
    const { name: _name, namespace: _namespace, ...metadata } = rest.metadata;
    if (Object.keys(metadata).length > 0) rest.metadata = metadata;
    else delete rest.metadata;
  }
  return rest;
}

async function deleteByName(apiOf: ApiOf, kind: KindRef, current: ObservedObject): Promise<void> {
  const scope = current.attributes.scope;
  if (typeof scope !== 'string') throw new Error(`${kind.kind} ${current.name}: its scope is unknown, so it cannot be deleted`);
  await apiOf(scope).delete(kind, parseScope(scope).namespace, current.name);
}
