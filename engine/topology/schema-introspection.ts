import schemaJson from '../../schemas/topology.schema.json' with { type: 'json' };
import type { Environment } from '../../proxy-tier/effective-features.ts';

export const environments: readonly Environment[] = ['local', 'ec2', 'rds', 'aurora', 'kubernetes'];

export interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  description?: string;
  [keyword: string]: unknown;
}

export const topologySchema = schemaJson as unknown as SchemaNode & { $defs: Record<string, SchemaNode> };

const clusterDefinitions: Record<Environment, string> = {
  local: 'LocalCluster', ec2: 'Ec2Cluster', rds: 'RdsCluster', aurora: 'AuroraCluster', kubernetes: 'KubernetesCluster',
};
const proxyDefinitions: Record<Environment, string> = {
  local: 'LocalProxy', ec2: 'AwsProxy', rds: 'AwsProxy', aurora: 'AwsProxy', kubernetes: 'KubernetesProxy',
};

export function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  const target = topologySchema.$defs[name];
  if (!target) throw new Error(`schema has no definition ${name}`);
  return resolve(target);
}

/** Every property name a schema node accepts, following $ref and allOf. */
export function propertyNamesOf(node: SchemaNode): string[] {
  const resolved = resolve(node);
  const own = Object.keys(resolved.properties ?? {});
  const inherited = (resolved.allOf ?? []).flatMap(propertyNamesOf);
  return [...new Set([...own, ...inherited])];
}

/** The environments whose cluster (or proxy, or postgres section) accepts `key`; used to explain environment-specific keys. */
export function environmentsAccepting(key: string, level: 'cluster' | 'proxy' | 'postgres'): Environment[] {
  return environments.filter((env) => propertyNamesOf(levelSchema(env, level)).includes(key));
}

function levelSchema(env: Environment, level: 'cluster' | 'proxy' | 'postgres'): SchemaNode {
  if (level === 'proxy') return { $ref: `#/$defs/${proxyDefinitions[env]}` };
  const cluster: SchemaNode = { $ref: `#/$defs/${clusterDefinitions[env]}` };
  return level === 'cluster' ? cluster : resolve(cluster).properties?.postgres ?? {};
}
