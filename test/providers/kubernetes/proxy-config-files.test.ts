// The ConfigMap's files: Pgpool-II on kubernetes gets the talk's minimal configuration (the primary and replica
// Services as its two backends, their flags, no health check, no failover, no watchdog) and no password; a read
// tells files pgtopo rendered from files someone edited.
import { describe, expect, it } from 'vitest';
import { effectiveFeatures } from '../../../engine/features/effective-features.ts';
import { kubernetesManifests } from '../../../providers/kubernetes/kubernetes-manifests.ts';
import { renderedTier } from '../../../providers/kubernetes/proxy-config-files.ts';
import { kubernetesProvider } from '../../../providers/kubernetes/kubernetes-provider.ts';
import { SECRETS_DIR, secretKeyDelivery } from '../../../providers/kubernetes/secret-key-delivery.ts';
import type { KubernetesCluster, User } from '../../../schemas/topology.ts';

const USERS: User[] = [{ name: 'app', admin: true, password: { fromSecret: { name: 'app-db-app', key: 'password' } } }];

function configMapData(engine: 'builtin' | 'pgpool2'): Record<string, string> {
  const cluster: KubernetesCluster = { environment: 'kubernetes', namespace: 'shop', postgres: { operator: 'zalando', cluster: 'acid-db', replicas: 2 }, proxy: { engine } };
  const manifests = kubernetesManifests({ topologyName: 'app', clusterName: 'app', cluster, features: effectiveFeatures('app', cluster), users: USERS });
  return manifests.find((manifest) => manifest.kind === 'ConfigMap')!.data as Record<string, string>;
}

describe('proxy ConfigMap files', () => {
  it("give Pgpool-II the talk's minimal configuration over the operator's Services, without a password", () => {
    const data = configMapData('pgpool2');
    const conf = data['pgpool.conf']!;
    for (const line of [
      "backend_hostname0 = 'acid-db.shop.svc'", "backend_hostname1 = 'acid-db-repl.shop.svc'",
      "backend_flag0 = 'ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER'", "backend_flag1 = 'DISALLOW_TO_FAILOVER'",
      'backend_weight1 = 2', 'failover_on_backend_error = off', 'health_check_period = 0', 'use_watchdog = off',
      "pool_passwd = '/run/pgtopo/pool_passwd'",
    ]) expect(conf).toContain(line);
    expect(Object.keys(data).sort()).toEqual(['passwords.list', 'pgpool.conf', 'pool_hba.conf', 'tier.json']);
    expect(data['passwords.list']).toBe(`app ${SECRETS_DIR}/app-db-app/password admin\n`);
  });

  it('read back as rendered, and name a file edited outside pgtopo', () => {
    for (const engine of ['builtin', 'pgpool2'] as const) {
      const data = configMapData(engine);
      expect(renderedTier(data).edited).toEqual([]);
      const file = engine === 'builtin' ? 'proxy.yaml' : 'pgpool.conf';
      expect(renderedTier({ ...data, [file]: `${data[file]}# edited\n` }).edited).toEqual([file]);
      const { [file]: _gone, ...taken } = data; // another manager took the key: it leaves pgtopo's fields
      expect(renderedTier(taken).edited).toEqual([file]);
    }
  });
});

describe('reader weight', () => {
  const backendsOf = (cluster: KubernetesCluster) => kubernetesProvider().expand({ topologyName: 'app', clusterName: 'app', cluster, features: effectiveFeatures('app', cluster), users: USERS })
    .find((resource) => resource.address === 'app.config')!.attributes.backends as { weight: unknown }[];
  const cluster: KubernetesCluster = { environment: 'kubernetes', namespace: 'shop', postgres: { operator: 'cloudnativepg', cluster: 'db' } };

  it('follows the ready endpoints unless loadBalancing.weights names it', () => {
    expect(backendsOf(cluster).map((backend) => backend.weight)).toEqual([1, { $ref: 'app.postgres', attribute: 'ready_replicas' }]);
    expect(backendsOf({ ...cluster, proxy: { loadBalancing: { weights: { replica: 5 } } } }).map((backend) => backend.weight)).toEqual([1, 5]);
  });
});

describe('kubernetes provider validation', () => {
  it('refuses a grace period the drain does not fit in', () => {
    const cluster: KubernetesCluster = { environment: 'kubernetes', namespace: 'shop', postgres: { operator: 'cloudnativepg', cluster: 'db' }, proxy: { terminationGracePeriod: '30s' } };
    const findings = kubernetesProvider().validate!([{ name: 'app', cluster, features: effectiveFeatures('app', cluster) }]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', path: ['clusters', 'app', 'proxy', 'terminationGracePeriod'], hint: 'set at least 40s' })]);
    expect(kubernetesProvider().validate!([{ name: 'app', cluster: { ...cluster, proxy: {} }, features: effectiveFeatures('app', cluster) }])).toEqual([]);
  });
});

describe('secret key delivery', () => {
  it('gives each Secret key its own file, and projects each Secret once with the keys named', () => {
    const delivery = secretKeyDelivery();
    const first = delivery.secretReference({ fromSecret: { name: 'a-b', key: 'c' } });
    const second = delivery.secretReference({ fromSecret: { name: 'a', key: 'b-c' } });
    expect(first).toEqual({ file: `${SECRETS_DIR}/a-b/c` });
    expect(second).toEqual({ file: `${SECRETS_DIR}/a/b-c` });
    expect(delivery.secretReference({ fromSecret: { name: 'a-b', key: 'c' } })).toEqual(first);
    expect(delivery.secretFile('a-b', 'tls.crt')).toBe(`${SECRETS_DIR}/a-b/tls.crt`);
    expect(delivery.fileSecrets()).toEqual([
      { name: 'a-b', items: [{ key: 'c', path: 'a-b/c' }, { key: 'tls.crt', path: 'a-b/tls.crt' }] },
      { name: 'a', items: [{ key: 'b-c', path: 'a/b-c' }] },
    ]);
    expect(() => delivery.secretReference({ fromEnv: 'PW' })).toThrow(/must come from `fromSecret`/);
  });
});
