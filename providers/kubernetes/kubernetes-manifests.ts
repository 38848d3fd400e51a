// The manifests of a cluster's proxy tier as YAML, for `pgtopo render --format kubernetes`: for people who deploy
// through Argo CD, Flux or kustomize instead of letting pgtopo apply. They are the objects an apply would send,
// with the database taken as declared instead of read (the convention's Service names, the declared port, and the
// reader weighing `postgres.replicas`), since rendering talks to no cluster and no pgtopo adjusts them afterwards.
// Nothing rolls Pgpool-II pods for a renewed certificate there (an apply does): that is the GitOps tool's to do.
import YAML from 'yaml';
import type { KubernetesCluster } from '../../schemas/topology.ts';
import { isResourceReference, type AttributeValue, type DesiredValue, type ExpandInput } from '../provider.ts';
import { objectToApply } from './applied-object-type.ts';
import { declaredDatabase, serviceHost, type DeclaredDatabase } from './declared-database.ts';
import type { LiveObject } from './kubernetes-api.ts';
import { POSTGRES_DATA_TYPE } from './postgres-discovery.ts';
import { proxyKinds } from './proxy-kinds.ts';
import { expandKubernetesCluster } from './proxy-objects.ts';

export function kubernetesManifests(input: ExpandInput): LiveObject[] {
  const cluster = input.cluster as KubernetesCluster;
  const database = declaredDatabase(input.clusterName, cluster, input.users);
  const kinds = proxyKinds(() => undefined);
  const data = declaredDatabaseAttributes(database, cluster);
  return expandKubernetesCluster(input, database).filter((resource) => resource.type !== POSTGRES_DATA_TYPE).map((resource) => {
    const kind = kinds.find((candidate) => candidate.type === resource.type)!;
    const attributes = Object.fromEntries(Object.entries(resource.attributes).map(([key, value]) => [key, resolved(value, data)]));
    return objectToApply(kind, { name: resource.name, scope: resource.scope, attributes }, undefined);
  });
}

export function kubernetesManifestsYaml(input: ExpandInput): string {
  return kubernetesManifests(input).map((object) => `---\n${YAML.stringify(object)}`).join('');
}

function declaredDatabaseAttributes(database: DeclaredDatabase, cluster: KubernetesCluster): Record<string, AttributeValue> {
  return {
    primary_host: serviceHost(database.primaryService, database.namespace), primary_port: database.port,
    replica_host: serviceHost(database.replicaService, database.namespace), replica_port: database.port,
    ready_replicas: cluster.postgres.replicas ?? 1,
  };
}

/**
 * References to the database replaced by its declared attributes (the only references a proxy tier has). What only
 * a read can know (the certificate's digest a Pgpool-II pod template carries) is left out: a map entry whose
 * reference has no declared value is dropped.
 */
function resolved(value: DesiredValue, data: Record<string, AttributeValue>): AttributeValue {
  if (isResourceReference(value)) return data[value.attribute] ?? null;
  if (Array.isArray(value)) return value.map((item) => resolved(item, data));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => !isUnread(item as DesiredValue, data)).map(([key, item]) => [key, resolved(item as DesiredValue, data)]));
  }
  return value;
}

function isUnread(value: DesiredValue, data: Record<string, AttributeValue>): boolean {
  return isResourceReference(value) && data[value.attribute] === undefined;
}
