// State written by an earlier version may hold an attribute under a name its resource type has since renamed
// (AttributeSchema.formerNames). Read under the current name, such state plans exactly like state written now.
import type { AttributeSchema, AttributeValue } from '../../providers/provider.ts';
import type { State, StateResource } from '../state/state-format.ts';

export function withCurrentNames(state: State, schemaOf: (resource: StateResource) => Record<string, AttributeSchema>): State {
  return { ...state, resources: state.resources.map((resource) => renameAttributes(resource, schemaOf(resource))) };
}

function renameAttributes(resource: StateResource, schema: Record<string, AttributeSchema>): StateResource {
  const currentName = new Map(Object.entries(schema).flatMap(([name, attribute]) => (attribute.formerNames ?? []).map((former) => [former, name])));
  if (!Object.keys(resource.attributes).some((key) => currentName.has(key))) return resource;
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(resource.attributes)) attributes[currentName.get(key) ?? key] = value;
  return { ...resource, attributes };
}
