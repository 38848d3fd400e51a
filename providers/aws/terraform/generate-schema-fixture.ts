// Writes test/fixtures/terraform/aws-provider-arguments.json: for every Terraform type the export maps to, the
// argument names (dotted for nested blocks and objects) that the pinned AWS provider's schema accepts. The schema
// is the provider's own (`terraform providers schema -json`), taken from a local provider mirror, so the check
// needs no network and names exactly the version the output pins.
//   node providers/aws/terraform/generate-schema-fixture.ts <plugin dir, e.g. /opt/tf-plugins>
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_PROVIDER } from './terraform-json-elements.ts';
import { TERRAFORM_MAPPINGS } from './terraform-mappings.ts';

interface SchemaBlock {
  attributes?: Record<string, { type: unknown; optional?: boolean; required?: boolean; computed?: boolean }>;
  block_types?: Record<string, { block: SchemaBlock }>;
}

const FIXTURE = new URL('../../../test/fixtures/terraform/aws-provider-arguments.json', import.meta.url);

function providerSchema(pluginDir: string): { resource_schemas: Record<string, { block: SchemaBlock }>; data_source_schemas: Record<string, { block: SchemaBlock }> } {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-tf-schema-'));
  try {
    const config = { terraform: { required_providers: { aws: { source: AWS_PROVIDER.source, version: AWS_PROVIDER.version } } } };
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
    execFileSync('terraform', ['init', '-input=false', '-backend=false', `-plugin-dir=${pluginDir}`], { cwd: dir, stdio: 'ignore' });
    const schemas = JSON.parse(execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: dir, maxBuffer: 1 << 28 }).toString());
    return schemas.provider_schemas[`registry.terraform.io/${AWS_PROVIDER.source}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Names a configuration may set: not computed-only attributes, nested blocks, and the fields of object-typed ones. */
function argumentNames(block: SchemaBlock, prefix = ''): string[] {
  const attributes = Object.entries(block.attributes ?? {})
    .filter(([, attribute]) => attribute.optional || attribute.required)
    .flatMap(([name, attribute]) => [`${prefix}${name}`, ...objectFields(attribute.type).map((field) => `${prefix}${name}.${field}`)]);
  const blocks = Object.entries(block.block_types ?? {}).flatMap(([name, nested]) => [`${prefix}${name}`, ...argumentNames(nested.block, `${prefix}${name}.`)]);
  return [...attributes, ...blocks].sort();
}

/** `["set", ["object", {…}]]` → the object's field names. */
function objectFields(type: unknown): string[] {
  if (!Array.isArray(type)) return [];
  if (type[0] === 'object') return Object.keys(type[1] as object);
  return type[0] === 'list' || type[0] === 'set' ? objectFields(type[1]) : [];
}

const pluginDir = process.argv[2];
if (!pluginDir) {
  process.stderr.write('usage: node providers/aws/terraform/generate-schema-fixture.ts <terraform plugin dir>\n');
  process.exit(1);
}
const schema = providerSchema(pluginDir);
const of = (mode: 'resource' | 'data') => Object.fromEntries(TERRAFORM_MAPPINGS.filter((mapping) => mapping.mode === mode).map((mapping) => {
  const found = (mode === 'resource' ? schema.resource_schemas : schema.data_source_schemas)[mapping.to];
  if (!found) throw new Error(`${mode} ${mapping.to} is not in ${AWS_PROVIDER.source} ${AWS_PROVIDER.version}`);
  return [mapping.to, argumentNames(found.block)];
}).sort(([a], [b]) => String(a).localeCompare(String(b))));
const fixture = { provider: AWS_PROVIDER.source, version: AWS_PROVIDER.version, generatedBy: 'providers/aws/terraform/generate-schema-fixture.ts', resource: of('resource'), data: of('data') };
writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
process.stdout.write(`wrote ${FIXTURE.pathname}\n`);
