// How one of the AWS provider's resource types becomes Terraform: the Terraform type, the arguments made from the
// desired resource's attributes (references already turned into Terraform expressions, data-source values read at
// export time), and which Terraform attribute a reference to one of pgtopo's attributes reads. One mapping per
// type, under mappings/; a desired type without one stops the export, so a new type cannot be left out silently.
import type { TopologyIdentity } from '../../provider.ts';
import { objectTags } from '../aws-tags.ts';

/** A Terraform JSON value; strings may hold `${…}` expressions. */
export type TerraformValue = string | number | boolean | null | TerraformValue[] | { [key: string]: TerraformValue };

/** A desired resource whose attributes are resolved for Terraform. */
export interface ExportedResource {
  address: string;
  name: string;
  scope: string;
  attributes: Record<string, TerraformValue>;
}

export interface TerraformMapping {
  /** pgtopo's type (DesiredResource.type). */
  from: string;
  /** The Terraform resource or data source type. */
  to: string;
  mode: 'resource' | 'data';
  /** pgtopo attribute → the Terraform attribute holding the same value, for references to this object. */
  exposes: Record<string, string>;
  arguments(resource: ExportedResource, topology: TopologyIdentity): Record<string, TerraformValue>;
  /** Arguments owned at runtime (pgtopo's runtimeOwned attributes): Terraform sets them on create only. */
  ignoreChanges?: string[];
}

/** The tags pgtopo puts on the object, as a Terraform map, so an imported object shows no tag change. */
export function terraformTags(resource: ExportedResource, topology: TopologyIdentity): Record<string, string> {
  const tags = objectTags(topology, String(resource.attributes.cluster), resource.address, resource.name);
  return Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]));
}
