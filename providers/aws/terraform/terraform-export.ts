// `pgtopo export terraform`: one cluster's AWS objects as Terraform JSON, synthesized with cdktn from the desired
// resources the AWS provider expands (so the export and the provider cannot disagree on what a cluster is made
// of), the database's values read at export time, and an import block for every object pgtopo already manages.
import { join } from 'node:path';
import { App, LocalBackend, TerraformDataSource, TerraformResource, TerraformStack } from 'cdktn';
import type { SecretRef } from '../../../schemas/topology.ts';
import { isResourceReference, isSecretValue, type DesiredResource, type DesiredValue, type ObservedObject, type TopologyIdentity } from '../../provider.ts';
import { AwsTerraformProvider, jsonElement } from './terraform-json-elements.ts';
import type { TerraformValue } from './terraform-mapping.ts';
import { LEFT_OUT, mappingOf, OPERATORS_OWN, READ_AT_EXPORT } from './terraform-mappings.ts';

export interface TerraformExportInput {
  topology: TopologyIdentity;
  clusterName: string;
  region: string;
  /** The cluster's desired resources, as the provider expands them. */
  desired: DesiredResource[];
  /** The data sources as a refresh read them, by address. */
  dataSources: Record<string, ObservedObject>;
  /** What pgtopo manages now (its state), by address. */
  managed: { address: string; id: string }[];
  outDir: string;
}

export interface TerraformImport {
  address: string;
  to: string;
  id: string;
}

/** A SecureString left out of Terraform: its parameter and where pgtopo takes the value from (null: pgtopo generates it). */
export interface LeftOutSecret {
  name: string;
  region: string;
  reference: SecretRef | null;
}

export interface TerraformExport {
  file: string;
  imports: TerraformImport[];
  secrets: LeftOutSecret[];
  /** The addresses pgtopo manages in this cluster: what `pgtopo state rm` hands over. */
  managed: string[];
}

type Element = TerraformResource | TerraformDataSource;

export function exportTerraform(input: TerraformExportInput): TerraformExport {
  const app = new App({ outdir: input.outDir, stackTraces: false });
  const stack = new TerraformStack(app, input.clusterName);
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  new AwsTerraformProvider(stack, input.region);
  const elements = synthesizedElements(stack, input);
  const imports = input.managed.flatMap(({ address, id }) => {
    const element = elements.get(address);
    if (!(element instanceof TerraformResource)) return [];
    element.importFrom(id);
    return [{ address, to: `${element.terraformResourceType}.${logicalId(address)}`, id }];
  });
  app.synth();
  return {
    file: join(input.outDir, 'stacks', input.clusterName, 'cdk.tf.json'),
    imports,
    secrets: input.desired.filter((resource) => LEFT_OUT.includes(resource.type)).map((resource) => ({
      name: resource.name, region: resource.scope, reference: (resource.attributes.value as unknown as { $secret: SecretRef } | undefined)?.$secret ?? null,
    })),
    managed: input.managed.map((resource) => resource.address),
  };
}

/** Every mapped desired resource as a construct, each made after the ones it refers to. */
function synthesizedElements(stack: TerraformStack, input: TerraformExportInput): Map<string, Element> {
  const desired = new Map(input.desired.map((resource) => [resource.address, resource]));
  const elements = new Map<string, Element>();
  const elementOf = (address: string): Element | undefined => {
    const resource = desired.get(address);
    if (!resource) throw new Error(`${address} is referred to but not declared`);
    const mapping = mappingOf(resource.type);
    if (!mapping) {
      if ([...READ_AT_EXPORT, ...LEFT_OUT, ...OPERATORS_OWN].includes(resource.type)) return undefined;
      throw new Error(`${address}: no Terraform mapping for ${resource.type} (add one under providers/aws/terraform/mappings/)`);
    }
    const made = elements.get(address);
    if (made) return made;
    const attributes = Object.fromEntries(Object.entries(resource.attributes).map(([key, value]) => [key, resolved(value, `${address}.${key}`)]));
    const values = literal(mapping.arguments({ address, name: resource.name, scope: resource.scope, attributes }, input.topology));
    const id = logicalId(address);
    const element = jsonElement(mapping.mode, stack, id, mapping.to, values);
    element.overrideLogicalId(id);
    if (element instanceof TerraformResource && mapping.ignoreChanges) element.lifecycle = { ignoreChanges: mapping.ignoreChanges };
    // Terraform wants a bare `type.name` here, not the `${…}` of an element's fqn.
    const dependencies = (resource.dependsOn ?? []).flatMap((dependency) => {
      const target = elementOf(dependency);
      return target ? [`${target.terraformResourceType}.${logicalId(dependency)}`] : [];
    });
    if (dependencies.length > 0) element.dependsOn = dependencies;
    elements.set(address, element);
    return element;
  };
  const resolved = (value: DesiredValue, where: string): TerraformValue => {
    if (isSecretValue(value)) throw new Error(`${where}: a secret never goes into Terraform`);
    if (isResourceReference(value)) return referenced(value.$ref, value.attribute, where);
    if (Array.isArray(value)) return value.map((item) => resolved(item, where));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolved(item as DesiredValue, where)]));
    return value;
  };
  const referenced = (address: string, attribute: string, where: string): TerraformValue => {
    const element = elementOf(address);
    if (!element) return readValue(input.dataSources, address, attribute, where);
    const terraformAttribute = mappingOf(desired.get(address)!.type)!.exposes[attribute];
    if (!terraformAttribute) throw new Error(`${where}: the Terraform mapping of ${address} does not say where its ${attribute} is`);
    return element.getStringAttribute(terraformAttribute);
  };
  for (const address of desired.keys()) elementOf(address);
  return elements;
}

function readValue(dataSources: Record<string, ObservedObject>, address: string, attribute: string, where: string): TerraformValue {
  const observed = dataSources[address];
  if (!observed) throw new Error(`${where}: ${address} was not read, so its ${attribute} is unknown`);
  return (observed.attributes[attribute] ?? null) as TerraformValue;
}

/**
 * Values with Terraform's template sequences escaped (`${` → `$${`, `%{` → `%%{`), so a string from the topology or
 * the database is taken as it is; cdktn's own reference tokens are left for it to resolve.
 */
function literal<Value extends TerraformValue>(value: Value): Value {
  if (typeof value === 'string') return value.replace(/\$\{(?!TfToken\[)/g, '$$${').replace(/%\{/g, '%%{') as Value;
  if (Array.isArray(value)) return value.map(literal) as Value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literal(item)])) as Value;
  return value;
}

/** `orders.proxy_config[0]` → `orders_proxy_config_0`: stable, and a valid Terraform name. */
export function logicalId(address: string): string {
  const name = address.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/_+$/, '');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}
