// `kubernetes_postgres`: the data source of a kubernetes cluster's database, read on every plan and reconcile.
// It checks what the proxies will use exists (the operator's CRD and cluster resource, both Services with the
// port, every Secret and key the passwords and TLS files come from) and says what is missing by name. The reader's weight is the
// number of ready endpoints behind the replica Service (its EndpointSlices): 0 when none is ready, so reads go to
// the primary until a replica is (the proxies never route to a node of weight 0).
import { createHash } from 'node:crypto';
import type { AttributeValue, ObservedObject, ResourceType } from '../provider.ts';
import { serviceHost, type DeclaredDatabase, type ReadSecretKey } from './declared-database.ts';
import type { KubernetesApi, LiveObject } from './kubernetes-api.ts';
import { PASSWORD_KEY } from './operator-conventions.ts';

export const POSTGRES_DATA_TYPE = 'kubernetes_postgres';

const SERVICE = { apiVersion: 'v1', kind: 'Service' };
const SECRET = { apiVersion: 'v1', kind: 'Secret' };
const ENDPOINT_SLICE = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' };

export interface DiscoverySource {
  databases(scope: string): DeclaredDatabase[];
  api(scope: string): KubernetesApi;
}

export function postgresDataType(source: DiscoverySource): ResourceType {
  return {
    name: POSTGRES_DATA_TYPE,
    mode: 'data',
    attributes: {
      primary_host: { computed: true }, primary_port: { computed: true },
      replica_host: { computed: true }, replica_port: { computed: true },
      ready_replicas: { computed: true, description: 'ready endpoints behind the replica Service' },
      tls_certificate: { computed: true, description: 'a digest of the proxies\' certificate (tls.crt of tls.certSecret): Pgpool-II pods roll when it changes' },
    },
    read: async (scope) => Promise.all(source.databases(scope).map((database) => discover(source.api(scope), database))),
  };
}

async function discover(api: KubernetesApi, database: DeclaredDatabase): Promise<ObservedObject> {
  await checkOperatorCluster(api, database);
  const primary = await service(api, database, database.primaryService, 'primary');
  const replica = await service(api, database, database.replicaService, 'replica');
  const secrets = await checkSecrets(api, database);
  const attributes: Record<string, AttributeValue> = {
    primary_host: serviceHost(database.primaryService, database.namespace), primary_port: primary,
    replica_host: serviceHost(database.replicaService, database.namespace), replica_port: replica,
    ready_replicas: await readyEndpoints(api, database),
    tls_certificate: certificateDigest(database.certificateSecret ? secrets.get(database.certificateSecret) : undefined),
  };
  return { id: `${database.namespace}/${database.clusterName}`, name: database.clusterName, attributes };
}

async function checkOperatorCluster(api: KubernetesApi, database: DeclaredDatabase): Promise<void> {
  const { operator } = database;
  if (!operator) return;
  if (!(await api.serves(operator.resource, database.namespace))) {
    throw new Error(`the CRD ${operator.resource.crd} (${operator.resource.apiVersion} ${operator.resource.kind}) is not installed: is ${operator.label} running in this Kubernetes cluster?`);
  }
  if (!(await api.get(operator.resource, database.namespace, operator.cluster))) {
    throw new Error(`${operator.label} has no ${operator.resource.kind} "${operator.cluster}" in namespace ${database.namespace}; check \`postgres.cluster\``);
  }
}

/** The Service's port for PostgreSQL: the declared one, which the Service must expose. */
async function service(api: KubernetesApi, database: DeclaredDatabase, name: string, role: 'primary' | 'replica'): Promise<number> {
  const live = await api.get(SERVICE, database.namespace, name);
  const whose = database.operator ? ` (the ${role} Service of ${database.operator.label} cluster ${database.operator.cluster})` : '';
  if (!live) throw new Error(`Service ${database.namespace}/${name}${whose} does not exist`);
  const ports = ((live.spec as { ports?: { port: number }[] } | undefined)?.ports ?? []).map((port) => port.port);
  if (!ports.includes(database.port)) {
    throw new Error(`Service ${database.namespace}/${name}${whose} exposes port ${ports.join(', ') || 'none'}, not ${database.port}; set \`postgres.port\``);
  }
  return database.port;
}

/** Each Secret read once, however many of its keys the proxies use; the Secrets by name. */
async function checkSecrets(api: KubernetesApi, database: DeclaredDatabase): Promise<Map<string, LiveObject>> {
  const byName = Map.groupBy(database.secrets, (secret) => secret.name);
  return new Map(await Promise.all([...byName].map(async ([name, wanted]): Promise<[string, LiveObject]> => {
    const live = await api.get(SECRET, database.namespace, name);
    if (!live) throw new Error(`Secret ${database.namespace}/${name}, ${wanted[0]!.what}, does not exist${originHint(database, wanted[0]!)}`);
    // Only the key names are looked at: the value never leaves the API server's answer.
    const keys = Object.keys({ ...(live.data as object | undefined), ...(live.stringData as object | undefined) });
    const missing = wanted.find((secret) => !keys.includes(secret.key));
    if (missing) {
      throw new Error(`Secret ${database.namespace}/${name} has no key "${missing.key}" (${missing.what}); its keys: ${keys.join(', ') || 'none'}`);
    }
    return [name, live];
  })));
}

/**
 * Pgpool-II loads its certificate at start only, so a renewal must roll its pods: the pod template carries this
 * digest of the certificate (public; the key is never looked at), which changes with every renewal.
 */
function certificateDigest(secret: LiveObject | undefined): string | null {
  const certificate = (secret?.data as Record<string, string> | undefined)?.['tls.crt'];
  return certificate === undefined ? null : createHash('sha256').update(certificate).digest('hex').slice(0, 16);
}

function originHint(database: DeclaredDatabase, secret: ReadSecretKey): string {
  if (secret.origin) return ` (${secret.origin})`;
  if (!database.operator || secret.key !== PASSWORD_KEY) return '';
  return ` (${database.operator.label} keeps a user's password in ${database.operator.credentialsSecret(database.operator.cluster, '<user>')})`;
}

/** Ready endpoints of the replica Service; an endpoint whose readiness is unknown counts as ready, as Kubernetes says. */
async function readyEndpoints(api: KubernetesApi, database: DeclaredDatabase): Promise<number> {
  const slices = await api.list(ENDPOINT_SLICE, database.namespace, `kubernetes.io/service-name=${database.replicaService}`);
  return slices.reduce((count, slice: LiveObject) => {
    const endpoints = (slice.endpoints as { conditions?: { ready?: boolean } }[] | null | undefined) ?? [];
    return count + endpoints.filter((endpoint) => endpoint.conditions?.ready !== false).length;
  }, 0);
}
