// The database data source reads what the proxies will use and names what is missing: the operator's CRD and
// cluster, both Services and their port, each Secret and key a password comes from. The reader's weight is the
// ready endpoints of the replica Service, 0 when there are none (reads then go to the primary).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { kubernetesProvider } from '../../../providers/kubernetes/kubernetes-provider.ts';
import { topologyIdentity, type Provider, type ProviderContext } from '../../../providers/provider.ts';
import type { KubernetesCluster, User } from '../../../schemas/topology.ts';
import { FakeApiServer } from './fake-api-server.ts';
import { CLOUDNATIVEPG_CRD, seedCloudNativePg, setReadyReplicas } from './operator-world.ts';

const USERS: User[] = [{ name: 'app', password: { fromSecret: { name: 'app-db-app', key: 'password' } } }];
const CNPG: KubernetesCluster = { environment: 'kubernetes', namespace: 'shop', postgres: { operator: 'cloudnativepg', cluster: 'app-db' } };
const context: ProviderContext = { topology: topologyIdentity('app'), signal: new AbortController().signal, note: () => {} };

describe('kubernetes_postgres', () => {
  let fake: FakeApiServer;
  let dir: string;
  let provider: Provider;

  beforeEach(async () => {
    fake = await FakeApiServer.start([CLOUDNATIVEPG_CRD]);
    dir = mkdtempSync(join(tmpdir(), 'pgtopo-k8s-discovery-'));
    writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());
  });
  afterEach(async () => {
    await provider?.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function discover(cluster: KubernetesCluster = CNPG, users: User[] = USERS) {
    provider = kubernetesProvider();
    await provider.configure({ topologyDir: dir, clusters: [{ name: 'app', cluster }], env: { KUBECONFIG: join(dir, 'kubeconfig') } }, context);
    const [database] = provider.expand({ topologyName: 'app', clusterName: 'app', cluster, features: effectiveFeatures('app', cluster), users });
    const type = provider.resourceTypes.find((candidate) => candidate.name === database!.type)!;
    return type.read(database!.scope, context);
  }

  const seed = (readyReplicas = 2) =>
    seedCloudNativePg(fake, { namespace: 'shop', cluster: 'app-db', readyReplicas, secrets: { 'app-db-app': { username: 'app', password: 'hidden-value' } } });

  it("reads CloudNativePG's Services and weighs the reader by its ready endpoints", async () => {
    seed(2);
    const [database] = await discover();
    expect(database!.attributes).toEqual({
      primary_host: 'app-db-rw.shop.svc', primary_port: 5432, replica_host: 'app-db-ro.shop.svc', replica_port: 5432, ready_replicas: 2, tls_certificate: null,
    });
    setReadyReplicas(fake, 'shop', 'app-db-ro', 1);
    expect((await discover())[0]!.attributes.ready_replicas).toBe(1);
  });

  it('gives an empty replica Service weight 0 instead of failing', async () => {
    seed(0);
    expect((await discover())[0]!.attributes.ready_replicas).toBe(0);
    fake.remove('discovery.k8s.io/v1', 'EndpointSlice', 'shop', 'app-db-ro-abcde');
    expect((await discover())[0]!.attributes.ready_replicas).toBe(0);
  });

  it('names a missing Service, CRD, cluster, Secret or key, never a secret value', async () => {
    seed();
    fake.remove('v1', 'Service', 'shop', 'app-db-ro');
    await expect(discover()).rejects.toThrow('Service shop/app-db-ro (the replica Service of CloudNativePG cluster app-db) does not exist');
    seed();
    await expect(discover(CNPG, [{ name: 'app', password: { fromSecret: { name: 'app-db-app', key: 'pass' } } }]))
      .rejects.toThrow('Secret shop/app-db-app has no key "pass" (the password of user app); its keys: username, password');
    await expect(discover(CNPG, [{ name: 'app', password: { fromSecret: { name: 'nope', key: 'password' } } }]))
      .rejects.toThrow(/Secret shop\/nope, the password of user app, does not exist \(CloudNativePG keeps a user's password in app-db-app\)/);
    await expect(discover({ ...CNPG, postgres: { operator: 'cloudnativepg', cluster: 'other-db' } }))
      .rejects.toThrow('CloudNativePG has no Cluster "other-db" in namespace shop');
    await expect(discover({ ...CNPG, postgres: { operator: 'crunchy', cluster: 'app-db' } }))
      .rejects.toThrow('the CRD postgresclusters.postgres-operator.crunchydata.com (postgres-operator.crunchydata.com/v1beta1 PostgresCluster) is not installed: is Crunchy PGO v5 running');
    await expect(discover({ ...CNPG, postgres: { operator: 'cloudnativepg', cluster: 'app-db', port: 6543 } }))
      .rejects.toThrow('Service shop/app-db-rw (the primary Service of CloudNativePG cluster app-db) exposes port 5432, not 6543; set `postgres.port`');
    await expect(discover(CNPG, [{ name: 'app', password: { fromEnv: 'APP_PW' } }]))
      .rejects.toThrow('cluster app: the password of user app comes from environment variable APP_PW, which proxy pods cannot read');
  });

  it('names a missing TLS Secret or key, each Secret read once', async () => {
    seed();
    const withTls: KubernetesCluster = { ...CNPG, proxy: { tls: { certSecret: 'proxy-tls', caSecret: 'app-db-ca', backend: 'verify-full' } } };
    await expect(discover(withTls)).rejects.toThrow(/Secret shop\/proxy-tls, the proxies' TLS certificate, does not exist \(cert-manager writes one/);
    fake.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'proxy-tls', namespace: 'shop' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y2VydA==' } });
    await expect(discover(withTls)).rejects.toThrow('Secret shop/proxy-tls has no key "tls.key" (the proxies\' TLS key); its keys: tls.crt');
    fake.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'proxy-tls', namespace: 'shop' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' } });
    fake.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-db-ca', namespace: 'shop' }, data: { 'ca.key': 'a2V5' } });
    await expect(discover(withTls)).rejects.toThrow('Secret shop/app-db-ca has no key "ca.crt" (the CA the proxies verify PostgreSQL with); its keys: ca.key');
    fake.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-db-ca', namespace: 'shop' }, data: { 'ca.crt': 'Y2E=', 'ca.key': 'a2V5' } });
    const secretReads = fake.requests.filter((request) => request.startsWith('GET /api/v1/namespaces/shop/secrets/')).length;
    expect((await discover(withTls))[0]!.attributes.primary_host).toBe('app-db-rw.shop.svc');
    const read = fake.requests.filter((request) => request.startsWith('GET /api/v1/namespaces/shop/secrets/')).slice(secretReads);
    expect(read.sort()).toEqual(['GET /api/v1/namespaces/shop/secrets/app-db-app', 'GET /api/v1/namespaces/shop/secrets/app-db-ca', 'GET /api/v1/namespaces/shop/secrets/proxy-tls']);
  });

  it('reads explicitly named Services without an operator', async () => {
    seed();
    const [database] = await discover({ ...CNPG, postgres: { primaryService: 'app-db-rw', replicaService: 'app-db-ro' } });
    expect(database!.attributes.primary_host).toBe('app-db-rw.shop.svc');
  });
});
