// Every proxy setting a topology can write, read from schemas/topology.schema.json: the leaves under ProxyCommon
// and the environments' placement definitions. Map-like objects (`healthCheck.nodes`, `loadBalancing.weights`),
// arrays, one-of choices (`ha.vip`) and secret references (`monitor.password`) are one key each. A key added to the schema appears here by itself.
import schema from '../../schemas/topology.schema.json' with { type: 'json' };

interface Node {
  $ref?: string;
  allOf?: Node[];
  oneOf?: Node[];
  properties?: Record<string, Node>;
  default?: unknown;
}

export interface ProxyKey {
  /** Dotted path under `proxy`. */
  key: string;
  /** The definition it comes from: ProxyCommon, or the placement of some environments. */
  from: 'ProxyCommon' | 'Ec2Placement' | 'KubernetesPlacement';
  /** The schema's documented default, when it has one. */
  default?: unknown;
}

const definitions = schema.$defs as Record<string, Node>;

function resolved(node: Node): Node {
  return node.$ref ? resolved(definitions[node.$ref.replace('#/$defs/', '')]!) : node;
}

/** An object's properties, including those its allOf parts contribute. */
function propertiesOf(node: Node): Record<string, Node> {
  const own = resolved(node);
  return Object.assign({}, ...(own.allOf ?? []).map(propertiesOf), own.properties ?? {}) as Record<string, Node>;
}

const VALUES = new Set(['#/$defs/SecretRef']);

function leaves(node: Node, prefix: string): Array<{ key: string; node: Node }> {
  const properties = propertiesOf(node);
  if (Object.keys(properties).length === 0 || resolved(node).oneOf || VALUES.has(node.$ref ?? '')) return [{ key: prefix, node }];
  return Object.entries(properties).flatMap(([name, child]) => leaves(child, prefix ? `${prefix}.${name}` : name));
}

export function proxyTopologyKeys(): ProxyKey[] {
  return (['ProxyCommon', 'Ec2Placement', 'KubernetesPlacement'] as const).flatMap((from) =>
    leaves(definitions[from]!, '').map(({ key, node }) => {
      const documented = node.default ?? resolved(node).default;
      return { key, from, ...(documented === undefined ? {} : { default: documented }) };
    }));
}
