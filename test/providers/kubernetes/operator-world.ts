// What an operator leaves in a namespace for the fake API server: its cluster resource (and CRD), the primary and
// replica Services, the replica Service's EndpointSlice with `ready` replicas, and credential Secrets.
import type { FakeApiServer, FakeResource } from './fake-api-server.ts';

export const CLOUDNATIVEPG_CRD: FakeResource = { group: 'postgresql.cnpg.io', version: 'v1', kind: 'Cluster', plural: 'clusters' };

export interface CloudNativePgCluster {
  namespace: string;
  cluster: string;
  readyReplicas: number;
  secrets: Record<string, Record<string, string>>;
}

export function seedCloudNativePg(fake: FakeApiServer, world: CloudNativePgCluster): void {
  const { namespace, cluster } = world;
  const manager = 'cloudnative-pg';
  fake.seed({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: cluster, namespace }, spec: { instances: world.readyReplicas + 1 } }, manager);
  for (const suffix of ['rw', 'ro']) {
    fake.seed({ apiVersion: 'v1', kind: 'Service', metadata: { name: `${cluster}-${suffix}`, namespace }, spec: { ports: [{ name: 'postgres', port: 5432 }] } }, manager);
  }
  setReadyReplicas(fake, namespace, `${cluster}-ro`, world.readyReplicas);
  for (const [name, data] of Object.entries(world.secrets)) {
    const encoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]));
    fake.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data: encoded }, manager);
  }
}

/** The endpoints controller's view of a Service: `ready` ready endpoints and one that is not ready. */
export function setReadyReplicas(fake: FakeApiServer, namespace: string, service: string, ready: number): void {
  const endpoints = [
    ...Array.from({ length: ready }, (_, index) => ({ addresses: [`10.0.0.${index + 10}`], conditions: { ready: true } })),
    { addresses: ['10.0.0.99'], conditions: { ready: false } },
  ];
  fake.seed({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: `${service}-abcde`, namespace, labels: { 'kubernetes.io/service-name': service } }, endpoints,
  }, 'endpointslice-controller');
}
