// A test provider whose world is a JSON file. It serves any environment a test registers it for and turns a
// cluster into: a network, N PostgreSQL servers (or, for managed databases, a discovered `database` data source)
// and M proxies that depend on them. Its attributes cover every engine rule: force-new (ports, network cidr),
// in-place (parameters, pool size), runtime-owned (server role, VIP holder) and sensitive (the admin password).
import type { User } from '../../schemas/topology.ts';
import type { DesiredResource, DesiredValue, ExpandInput, Provider, ResourceStatus } from '../provider.ts';
import { simulatedResourceType } from './simulated-resource-type.ts';
import { World } from './world.ts';

export const SIMULATED_TYPES = {
  network: 'simulated_network',
  server: 'simulated_server',
  proxy: 'simulated_proxy',
  database: 'simulated_database',
} as const;

/** `world` lets a caller supply its own World (the plan benchmark keeps one in memory while seeding). */
export function simulatedProvider(worldPath: string, environments: readonly string[] = ['local'],
  world: World = new World(worldPath)): Provider & { world: World } {
  const resourceTypes = [
    simulatedResourceType(world, {
      name: SIMULATED_TYPES.network, mode: 'managed', idPrefix: 'net',
      attributes: { cidr: { forceNew: true }, description: {} },
    }),
    simulatedResourceType(world, {
      name: SIMULATED_TYPES.server, mode: 'managed', idPrefix: 'srv',
      attributes: {
        network_id: { forceNew: true }, port: { forceNew: true }, parameters: {},
        role: { runtimeOwned: true }, address: { computed: true },
      },
      computed: ({ id }) => ({ address: `${id}.sim.internal` }),
    }),
    simulatedResourceType(world, {
      name: SIMULATED_TYPES.proxy, mode: 'managed', idPrefix: 'pxy',
      attributes: {
        port: { forceNew: true }, pool_size: { appliesBy: 'reload' }, backends: { appliesBy: 'restart' },
        admin_password: { sensitive: true }, vip_holder: { runtimeOwned: true },
      },
    }),
    simulatedResourceType(world, {
      name: SIMULATED_TYPES.database, mode: 'data', idPrefix: 'db', attributes: { endpoint: { computed: true } },
    }),
  ];
  return {
    name: 'simulated',
    environments,
    resourceTypes,
    world,
    // The world is a file read on every call: no client to create or close.
    configure: async () => {},
    close: async () => {},
    expand: expandCluster,
    // Where a client would connect: enough for `pgtopo output` to have something to print in the tests.
    outputs: (resources) => resources.filter((resource) => resource.type === SIMULATED_TYPES.proxy)
      .map((resource) => ({ name: resource.address, value: `${resource.address}.sim.internal:${String(resource.attributes.port)}` })),
    async status(objects) {
      const unhealthy = new Set(world.load().unhealthy);
      return objects.map(({ address, object }): ResourceStatus => ({
        address,
        healthy: !unhealthy.has(object.name),
        details: Object.fromEntries(['role', 'address', 'vip_holder'].filter((key) => object.attributes[key] !== undefined)
          .map((key) => [key, String(object.attributes[key])])),
      }));
    },
  };
}

interface SimulatedClusterShape {
  environment: string;
  description?: string;
  region?: string;
  namespace?: string;
  dbCluster?: string;
  dbInstance?: string;
  postgres?: { instances?: number; port?: number; parameters?: Record<string, string | number | boolean> };
  proxy?: { instances?: number; replicas?: number; port?: number; pooling?: { poolSize?: number } };
}

function expandCluster(input: ExpandInput): DesiredResource[] {
  const cluster = input.cluster as SimulatedClusterShape;
  const prefix = input.clusterName;
  const scope = cluster.region ?? cluster.namespace ?? 'local';
  const name = (suffix: string): string => `${input.topologyName}-${prefix}-${suffix}`;
  const resources: DesiredResource[] = [{
    address: `${prefix}.network`, type: SIMULATED_TYPES.network, name: name('network'), scope,
    attributes: { cidr: '10.0.0.0/16', description: cluster.description ?? null },
  }];
  const backends = cluster.environment === 'local'
    ? addServers(resources, cluster, prefix, scope, name)
    : addDiscoveredDatabase(resources, cluster, prefix, scope, input.clusterName);
  const proxies = cluster.proxy?.instances ?? cluster.proxy?.replicas ?? 1;
  const password = adminPassword(input.users);
  for (let index = 0; index < proxies; index++) {
    resources.push({
      address: `${prefix}.proxy[${index}]`, type: SIMULATED_TYPES.proxy, name: name(`proxy-${index}`), scope,
      attributes: {
        port: (cluster.proxy?.port ?? 6432) + index,
        pool_size: cluster.proxy?.pooling?.poolSize ?? 20,
        backends,
        admin_password: password,
        vip_holder: index === 0,
      },
      dependsOn: [`${prefix}.network`],
    });
  }
  return resources;
}

function addServers(resources: DesiredResource[], cluster: SimulatedClusterShape, prefix: string, scope: string,
  name: (suffix: string) => string): DesiredValue[] {
  const count = cluster.postgres?.instances ?? 1;
  for (let index = 0; index < count; index++) {
    resources.push({
      address: `${prefix}.postgres[${index}]`, type: SIMULATED_TYPES.server, name: name(`postgres-${index}`), scope,
      attributes: {
        network_id: { $ref: `${prefix}.network`, attribute: 'id' },
        port: (cluster.postgres?.port ?? 5432) + index,
        parameters: cluster.postgres?.parameters ?? {},
        role: index === 0 ? 'primary' : 'standby',
      },
    });
  }
  return Array.from({ length: count }, (_, index) => ({ $ref: `${prefix}.postgres[${index}]`, attribute: 'address' }));
}

function addDiscoveredDatabase(resources: DesiredResource[], cluster: SimulatedClusterShape, prefix: string, scope: string,
  clusterName: string): DesiredValue[] {
  resources.push({
    address: `${prefix}.database`, type: SIMULATED_TYPES.database, name: cluster.dbCluster ?? cluster.dbInstance ?? clusterName,
    scope, attributes: {},
  });
  return [{ $ref: `${prefix}.database`, attribute: 'endpoint' }];
}

function adminPassword(users: User[]): DesiredValue {
  const admin = users.find((user) => user.admin) ?? users[0];
  return admin?.password ? { $secret: admin.password } : null;
}
