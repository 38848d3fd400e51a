import type { ErrorObject } from 'ajv';
import { didYouMean } from './did-you-mean.ts';
import { environmentsAccepting, propertyNamesOf, topologySchema, type SchemaNode } from './schema-introspection.ts';

/** A schema error in words: where it is, what is wrong, and what to do. */
export interface SchemaFinding {
  path: Array<string | number>;
  /** Point at the key (unknown keys) rather than the value. */
  at: 'key' | 'value';
  message: string;
  hint?: string;
}

type Explain = (error: ErrorObject, path: Array<string | number>, data: unknown) => SchemaFinding;

const explainers: Record<string, Explain> = {
  additionalProperties: (e, path, data) => unknownKey(String(e.params.additionalProperty), e, path, data),
  unevaluatedProperties: (e, path, data) => unknownKey(String(e.params.unevaluatedProperty), e, path, data),
  required: (e, path) => ({
    path, at: 'key',
    message: `missing required key \`${String(e.params.missingProperty)}\``,
    hint: describe(propertySchema(e.parentSchema, String(e.params.missingProperty))),
  }),
  type: (e, path) => typeMismatch(e, path),
  enum: (e, path) => oneOfValues(e, path, (e.params.allowedValues as unknown[]).map(String)),
  const: (e, path) => ({ path, at: 'value', message: `must be ${JSON.stringify(e.params.allowedValue)}, got ${show(e.data)}` }),
  pattern: (e, path) => e.propertyName === undefined
    ? { path, at: 'value', message: `${show(e.data)} is not valid here`, hint: describe(e.parentSchema) }
    : { path: [...path, e.propertyName], at: 'key', message: `${JSON.stringify(e.propertyName)} is not a valid name`, hint: describe(e.parentSchema) },
  format: (e, path) => ({ path, at: 'value', message: `${show(e.data)} is not a valid ${String(e.params.format)} address` }),
  discriminator: (e, path) => badDiscriminator(e, path),
  minProperties: (e, path) => propertyCount(e, path),
  maxProperties: (e, path) => propertyCount(e, path),
};

export function explainSchemaError(error: ErrorObject, data: unknown): SchemaFinding {
  const path = pointerToPath(error.instancePath);
  const explain = explainers[error.keyword];
  const finding = explain
    ? explain(error, path, data)
    : { path, at: 'value' as const, message: `${show(error.data)} ${error.message ?? 'is not valid'}`, hint: describe(error.parentSchema) };
  // Whatever sits under a secret reference may be the secret itself, pasted in the wrong place: never repeat it.
  const echoed = show(error.data);
  if (insideSecret(path) && echoed) finding.message = finding.message.split(echoed).join('(value hidden)');
  return finding;
}

function insideSecret(path: Array<string | number>): boolean {
  return path.includes('password') || (path[0] === 'state' && path[1] === 'connection');
}

/** minProperties/maxProperties: a map that must not be empty, or a choice of exactly one key. */
function propertyCount(error: ErrorObject, path: Array<string | number>): SchemaFinding {
  const node = resolveRef(error.parentSchema as SchemaNode);
  const choices = Object.keys(node.properties ?? {});
  const limit = Number(error.params.limit);
  if (error.keyword === 'minProperties' && choices.length === 0) {
    const entry = String(path.at(-1) ?? 'entry').replace(/s$/, '');
    return { path, at: 'value', message: `must not be empty: declare at least ${limit === 1 ? 'one' : limit} ${entry}`, hint: describe(node) };
  }
  const options = choices.map((key) => `\`${key}\``).join(', ');
  const message = error.keyword === 'maxProperties'
    ? `give only one of ${options}, not several`
    : `give one of ${options}`;
  return { path, at: 'value', message, hint: describe(node) };
}

function unknownKey(key: string, error: ErrorObject, path: Array<string | number>, data: unknown): SchemaFinding {
  const keyPath = [...path, key];
  const environment = environmentOf(path, data);
  const level = path.length === 2 && path[0] === 'clusters' ? 'cluster'
    : path.length === 3 && (path[2] === 'proxy' || path[2] === 'postgres') ? path[2] : null;
  if (environment && level) {
    const accepting = environmentsAccepting(key, level);
    if (accepting.length > 0) {
      return {
        path: keyPath, at: 'key',
        message: `\`${key}\` is not a ${level} setting of ${environment} clusters (it applies to ${accepting.join(', ')})`,
        hint: `remove it, or change this cluster's environment`,
      };
    }
  }
  const suggestion = didYouMean(key, propertyNamesOf(error.parentSchema as SchemaNode));
  return {
    path: keyPath, at: 'key',
    message: `unknown key \`${key}\``,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : `known keys here: ${propertyNamesOf(error.parentSchema as SchemaNode).join(', ')}`,
  };
}

function typeMismatch(error: ErrorObject, path: Array<string | number>): SchemaFinding {
  const expected = String(error.params.type).replace(',', ' or ');
  if (isSecretSchema(error.parentSchema) && (typeof error.data !== 'object' || error.data === null)) {
    return {
      path, at: 'value',
      message: 'secrets must not be written inline in the topology file',
      hint: 'take it from the environment, a file or a Kubernetes Secret: `{ fromEnv: APP_DB_PASSWORD }`, `{ fromFile: secrets/app.txt }` or `{ fromSecret: { name: app-db, key: password } }`',
    };
  }
  const got = error.data === null ? 'but the value is empty' : `got ${kindOf(error.data)} ${show(error.data)}`;
  const shorthand = mappingKeyFor(error);
  return {
    path, at: 'value',
    message: `expected ${article(expected.replace('object', 'mapping').replace('array', 'list'))}, ${got}`,
    hint: shorthand ? `did you mean \`${String(path.at(-1))}: { ${shorthand}: ${String(error.data)} }\`?` : describe(error.parentSchema),
  };
}

/** A scalar written where a mapping belongs (`replication: sync`): the key of the mapping that takes that value. */
function mappingKeyFor(error: ErrorObject): string | undefined {
  if (error.params.type !== 'object' || typeof error.data === 'object') return undefined;
  const properties = resolveRef(error.parentSchema as SchemaNode).properties ?? {};
  return Object.keys(properties).find((key) => {
    const property = resolveRef(properties[key] as SchemaNode) as SchemaNode & { enum?: unknown[]; const?: unknown };
    return property.enum?.includes(error.data) || (property.const !== undefined && property.const === error.data);
  });
}

function oneOfValues(error: ErrorObject, path: Array<string | number>, allowed: string[]): SchemaFinding {
  const suggestion = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
  return {
    path, at: 'value',
    message: `${show(error.data)} is not one of: ${allowed.join(', ')}`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : describe(error.parentSchema),
  };
}

function badDiscriminator(error: ErrorObject, path: Array<string | number>): SchemaFinding {
  const tag = String(error.params.tag);
  const branches = ((error.parentSchema as SchemaNode).oneOf as SchemaNode[]).map((branch) => {
    const target = topologySchema.$defs[String(branch.$ref).replace('#/$defs/', '')];
    return String((target?.properties?.[tag] as { const?: string } | undefined)?.const);
  });
  const value = error.params.tagValue;
  if (value === undefined || error.params.error === 'tag') {
    return { path: [...path, tag], at: 'value', message: `\`${tag}\` must be a string, one of: ${branches.join(', ')}` };
  }
  const suggestion = typeof value === 'string' ? didYouMean(value, branches) : undefined;
  return {
    path: [...path, tag], at: 'value',
    message: `${show(value)} is not a known ${tag}; expected one of: ${branches.join(', ')}`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
  };
}

function environmentOf(path: Array<string | number>, data: unknown): string | undefined {
  if (path[0] !== 'clusters' || path.length < 2) return undefined;
  const clusters = (data as { clusters?: Record<string, { environment?: unknown }> }).clusters;
  const environment = clusters?.[String(path[1])]?.environment;
  return typeof environment === 'string' ? environment : undefined;
}

function propertySchema(parent: unknown, key: string): SchemaNode | undefined {
  const node = parent as SchemaNode;
  return node.properties?.[key] ?? (node.allOf ?? []).map((part) => propertySchema(resolveRef(part), key)).find(Boolean);
}

function resolveRef(node: SchemaNode): SchemaNode {
  return node.$ref ? (topologySchema.$defs[node.$ref.replace('#/$defs/', '')] ?? node) : node;
}

function describe(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const node = schema as SchemaNode;
  return node.description ?? (node.$ref ? resolveRef(node).description : undefined);
}

function isSecretSchema(schema: unknown): boolean {
  return describe(schema) === topologySchema.$defs.SecretRef?.description;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => {
    const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(text) ? Number(text) : text;
  });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'the special number';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'number' && Number.isInteger(value) ? 'an integer' : `${article(typeof value)}`;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function show(value: unknown): string {
  if (typeof value === 'object' && value !== null) return '';
  // JSON has no infinity: JSON.stringify would print YAML's `.inf` as "null".
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
