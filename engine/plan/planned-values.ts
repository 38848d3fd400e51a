// Resolving a desired resource's attributes: references to other resources, and secrets. At plan time a secret
// becomes a sensitive record (reference + hmac) and an unknown reference becomes `(known after apply)`; at apply
// time both become real values handed to the provider and nowhere else.
import { isResourceReference, isSecretValue, type AttributeSchema, type AttributeValue, type DesiredValue, type ProviderRegistry, type SecretValue } from '../../providers/provider.ts';
import { secretText, sensitiveRecord } from './attribute-values.ts';
import type { PlannedResource } from './desired-resources.ts';
import type { SecretResolver } from './secret-resolver.ts';

export type PlannedValueLookup = (address: string, attribute: string) => AttributeValue;

interface Resolvers {
  reference(address: string, attribute: string): AttributeValue;
  secret(value: SecretValue, key: string): Promise<AttributeValue>;
  /** A plain value of a sensitive attribute. */
  sensitive(value: AttributeValue, key: string): AttributeValue;
}

/** How a plan digests a secret: `attribute` of this resource, its clear value. */
export type DigestOf = (attribute: string, clear: string) => string;

export async function resolveForPlan(resource: PlannedResource, schema: Record<string, AttributeSchema>, lookup: PlannedValueLookup,
  context: { registry: ProviderRegistry; secrets: SecretResolver }, digestOf: DigestOf): Promise<Record<string, AttributeValue>> {
  const provider = context.registry.byName(resource.provider);
  return resolveAttributes(resource, schema, {
    reference: lookup,
    async secret(value, key) {
      const clear = await context.secrets.resolve(value.$secret, provider, resource.scope).catch((error: Error) => {
        throw new Error(`${resource.address}.${key}: ${error.message}`);
      });
      return sensitiveRecord(value.$secret, digestOf(key, clear)) as unknown as AttributeValue;
    },
    sensitive: (value, key) =>
      (value === null ? null : sensitiveRecord(null, digestOf(key, secretText(value)))) as unknown as AttributeValue,
  });
}

export async function resolveForApply(resource: PlannedResource, schema: Record<string, AttributeSchema>, lookup: PlannedValueLookup,
  context: { registry: ProviderRegistry; secrets: SecretResolver }): Promise<Record<string, AttributeValue>> {
  const provider = context.registry.byName(resource.provider);
  return resolveAttributes(resource, schema, {
    reference: lookup,
    secret: (value) => context.secrets.resolve(value.$secret, provider, resource.scope),
    sensitive: (value) => value,
  });
}

async function resolveAttributes(resource: PlannedResource, schema: Record<string, AttributeSchema>,
  resolvers: Resolvers): Promise<Record<string, AttributeValue>> {
  const resolved: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(resource.attributes)) {
    const plain = await resolveValue(value, key, resolvers);
    resolved[key] = schema[key]?.sensitive && !isSecretValue(value) ? resolvers.sensitive(plain, key) : plain;
  }
  return resolved;
}

async function resolveValue(value: DesiredValue, key: string, resolvers: Resolvers): Promise<AttributeValue> {
  if (isSecretValue(value)) return resolvers.secret(value, key);
  if (isResourceReference(value)) return resolvers.reference(value.$ref, value.attribute);
  if (Array.isArray(value)) return Promise.all(value.map((item) => resolveValue(item, key, resolvers)));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([name, item]) => [name, await resolveValue(item as DesiredValue, key, resolvers)]));
    return Object.fromEntries(entries) as AttributeValue;
  }
  return value;
}
