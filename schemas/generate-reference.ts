// Generates schemas/REFERENCE.md, the topology file reference, from the schema's descriptions and defaults.
// With --check, fails when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import schema from './topology.schema.json' with { type: 'json' };

interface Node {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  additionalProperties?: Node | boolean;
  allOf?: Node[];
  oneOf?: Node[];
}

const definitions = (schema as unknown as { $defs: Record<string, Node> }).$defs;
const referencePath = new URL('./REFERENCE.md', import.meta.url);

function refName(ref: string): string {
  return ref.replace('#/$defs/', '');
}

function typeOf(node: Node): string {
  if (node.$ref) return `[${refName(node.$ref)}](#${refName(node.$ref).toLowerCase()})`;
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (node.oneOf) return node.oneOf.map(typeOf).join(' \\| ');
  if (node.type === 'array' && node.items) return `list of ${typeOf(node.items)}`;
  if (node.type === 'object' && typeof node.additionalProperties === 'object') return `map of ${typeOf(node.additionalProperties)}`;
  return Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
}

function describe(node: Node): string {
  return (node.description ?? (node.$ref ? definitions[refName(node.$ref)]?.description : '') ?? '').replace(/\|/g, '\\|');
}

function section(name: string, node: Node): string {
  const lines = [`### ${name}`, '', node.description ?? '', ''];
  const inherited = (node.allOf ?? []).filter((part) => part.$ref).map((part) => `[${refName(part.$ref!)}](#${refName(part.$ref!).toLowerCase()})`);
  if (inherited.length) lines.push(`Also takes every key of ${inherited.join(' and ')}.`, '');
  if (node.oneOf) lines.push(`One of: ${node.oneOf.map(typeOf).join(', ')}.`, '');
  const properties = Object.entries(node.properties ?? {});
  if (properties.length) {
    lines.push('| key | type | default | description |', '|---|---|---|---|');
    for (const [key, value] of properties) {
      const required = node.required?.includes(key) ? ' (required)' : '';
      const fallback = value.default !== undefined ? `\`${JSON.stringify(value.default)}\`` : '';
      lines.push(`| \`${key}\`${required} | ${typeOf(value)} | ${fallback} | ${describe(value)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const parts = [
  '# Topology file reference',
  '',
  '<!-- Generated from topology.schema.json by `npm run schema:types`. Do not edit by hand. -->',
  '',
  'A `pgtopo.yaml` is validated against [topology.schema.json](topology.schema.json). Editors that speak the',
  'YAML language server complete and explain it when the file starts with',
  '`# yaml-language-server: $schema=<path to>/schemas/topology.schema.json`.',
  '',
  section('Topology', schema as unknown as Node),
  ...Object.entries(definitions).map(([name, node]) => section(name, node)),
];
const generated = `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;

if (process.argv.includes('--check')) {
  if ((await readFile(referencePath, 'utf8').catch(() => '')) !== generated) {
    process.stderr.write('schemas/REFERENCE.md is stale: run `npm run schema:types` and commit the result.\n');
    process.exit(1);
  }
} else {
  await writeFile(referencePath, generated);
}
