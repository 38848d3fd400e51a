// Which resource types and argument names of a synthesized Terraform JSON the pinned AWS provider's schema does
// not have (test/fixtures/terraform/aws-provider-arguments.json, generated from the provider itself).
import { readFileSync } from 'node:fs';

interface ArgumentFixture {
  provider: string;
  version: string;
  resource: Record<string, string[]>;
  data: Record<string, string[]>;
}

export const PROVIDER_ARGUMENTS = JSON.parse(
  readFileSync(new URL('../../../fixtures/terraform/aws-provider-arguments.json', import.meta.url), 'utf8')) as ArgumentFixture;

/** Terraform's own meta-arguments and cdktn's metadata, which belong to no provider schema. */
const META = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each']);

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

export function unknownArguments(synthesized: { resource?: Blocks; data?: Blocks }): string[] {
  return (['resource', 'data'] as const).flatMap((mode) => Object.entries(synthesized[mode] ?? {}).flatMap(([type, blocks]) => {
    const known = PROVIDER_ARGUMENTS[mode][type];
    if (!known) return [`${mode} ${type}: not a type of the AWS provider ${PROVIDER_ARGUMENTS.version}`];
    const allowed = new Set(known);
    return Object.entries(blocks).flatMap(([name, body]) =>
      argumentPaths(body).filter((path) => !allowed.has(path)).map((path) => `${mode} ${type}.${name}: ${path}`));
  }));
}

/** Every argument of a body, dotted into nested blocks and objects (lists looked through). */
function argumentPaths(body: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(body).filter(([key]) => !(prefix === '' && META.has(key))).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const nested = (Array.isArray(value) ? value : [value]).filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
    // A map of tags is a value, not a block: its keys are no argument names.
    if (key === 'tags') return [path];
    return [path, ...new Set(nested.flatMap((item) => argumentPaths(item, `${path}.`)))];
  });
}
