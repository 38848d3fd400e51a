// One resource type of the simulated provider, backed by the world file. It behaves like a cloud API: batch
// list per scope, unique names per scope, server-side ids, computed attributes, secrets kept only as hashes.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AttributeSchema, AttributeValue, ObservedObject, OperationInput, ProviderContext, ResourceType } from '../provider.ts';
import { takeFault, type World, type WorldObject, type WorldOperation } from './world.ts';

/** How often an operation held by a fault's `holdWhile` file looks whether the file is gone. */
const HOLD_POLL_MS = 25;

export interface SimulatedTypeSpec {
  name: string;
  mode: 'managed' | 'data';
  idPrefix: string;
  attributes: Record<string, AttributeSchema>;
  /** Values the "cloud" assigns on create (addresses, endpoints). */
  computed?: (object: { id: string; name: string; scope: string }) => Record<string, AttributeValue>;
}

export function simulatedResourceType(world: World, spec: SimulatedTypeSpec): ResourceType {
  const sensitive = Object.keys(spec.attributes).filter((key) => spec.attributes[key].sensitive);
  const observe = (object: WorldObject): ObservedObject => ({ id: object.id, name: object.name, attributes: { ...object.attributes } });
  const hide = (attributes: Record<string, AttributeValue>): Record<string, AttributeValue> => {
    const stored = { ...attributes };
    for (const key of sensitive) if (typeof stored[key] === 'string') stored[key] = `sha256:${sha256(stored[key] as string)}`;
    return stored;
  };
  const type: ResourceType = {
    name: spec.name,
    mode: spec.mode,
    attributes: spec.attributes,
    async read(scope, context) {
      await injectedFault(world, 'read', spec.name, scope, context);
      return world.objectsOf(spec.name).filter((object) => object.scope === scope).map(observe);
    },
  };
  if (spec.mode === 'data') return type;
  type.create = async (input: OperationInput, context: ProviderContext) => {
    await injectedFault(world, 'create', spec.name, input.name, context);
    return world.mutate((document) => {
      const objects = (document.objects[spec.name] ??= []);
      if (objects.some((object) => object.name === input.name && object.scope === input.scope)) {
        throw new Error(`${spec.name} "${input.name}" already exists in ${input.scope}`);
      }
      const id = `${spec.idPrefix}-${String(document.nextId++).padStart(6, '0')}`;
      const computed = spec.computed?.({ id, name: input.name, scope: input.scope }) ?? {};
      const object: WorldObject = { id, name: input.name, scope: input.scope, attributes: { ...hide(input.attributes), ...computed } };
      objects.push(object);
      return observe(object);
    });
  };
  type.update = async (current, input, changed, context) => {
    await injectedFault(world, 'update', spec.name, input.name, context);
    const forcing = changed.filter((key) => spec.attributes[key]?.forceNew);
    if (forcing.length > 0) throw new Error(`${spec.name}: ${forcing.join(', ')} cannot change in place`);
    return world.mutate((document) => {
      const object = (document.objects[spec.name] ?? []).find((candidate) => candidate.id === current.id);
      if (!object) throw new Error(`${spec.name} ${current.id} not found`);
      const update = hide(Object.fromEntries(changed.map((key) => [key, input.attributes[key] ?? null])));
      object.attributes = { ...object.attributes, ...update };
      return observe(object);
    });
  };
  type.delete = async (current, context) => {
    await injectedFault(world, 'delete', spec.name, current.name, context);
    world.mutate((document) => {
      document.objects[spec.name] = (document.objects[spec.name] ?? []).filter((candidate) => candidate.id !== current.id);
    });
  };
  return type;
}

async function injectedFault(world: World, operation: WorldOperation, type: string, name: string, context: ProviderContext): Promise<void> {
  const fault = world.mutate((document) => takeFault(document, operation, type, name));
  if (fault?.delayMs) await sleep(fault.delayMs, undefined, { signal: context.signal });
  while (fault?.holdWhile && existsSync(fault.holdWhile)) await sleep(HOLD_POLL_MS, undefined, { signal: context.signal });
  if (fault?.error) throw new Error(fault.error);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
