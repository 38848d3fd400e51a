// A whole cycle through the CLI against the fake API server: plan → apply → plan without changes → another field
// manager changes the Deployment → the plan shows only the drift in pgtopo's fields → apply → destroy prunes
// everything pgtopo made, and nothing else.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashPatterns, runPgtopo } from '../../cli/run-pgtopo.ts';
import { FakeApiServer } from './fake-api-server.ts';
import { CLOUDNATIVEPG_CRD, seedCloudNativePg, setReadyReplicas } from './operator-world.ts';

const TOPOLOGY = `version: 1
name: app
clusters:
  app:
    environment: kubernetes
    namespace: shop
    postgres: { operator: cloudnativepg, cluster: app-db }
    proxy:
      instances: 2
      image: ghcr.io/pgtopo/pgtopo:0.1.0
      pooling: { mode: transaction, poolSize: 20 }
users:
  - name: app
    password: { fromSecret: { name: app-db-app, key: password } }
`;
const NAME = 'app-app-proxy';

describe('kubernetes provider through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-k8s-'));
  let fake: FakeApiServer;
  const run = (...args: string[]) => runPgtopo(args, { cwd: dir, env: { KUBECONFIG: join(dir, 'kubeconfig') } });

  beforeAll(async () => {
    fake = await FakeApiServer.start([CLOUDNATIVEPG_CRD]);
    seedCloudNativePg(fake, { namespace: 'shop', cluster: 'app-db', readyReplicas: 2, secrets: { 'app-db-app': { username: 'app', password: 'never-shown' } } });
    writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans, applies and then has no changes', async () => {
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('Plan: 5 to add, 0 to change, 0 to destroy.');
    const apply = await run('apply', '--auto-approve');
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(fake.objects('Deployment').map((object) => (object.metadata as { name: string }).name)).toEqual([NAME]);
    expect(apply.stdout).toContain(`app.service: postgresql://${NAME}.shop.svc:6432/postgres`);
    const again = await run('plan', '--detailed-exitcode');
    expect(again.stdout).toContain('No changes.');
    expect(again.code).toBe(0);
    // The password is referenced (a key of the projected Secrets volume), never copied: not in plans, state or any object pgtopo wrote.
    const written = JSON.stringify(fake.objects().filter((object) => JSON.stringify(object.metadata).includes('pgtopo')));
    for (const text of [plan.stdout, apply.stdout, readFileSync(join(dir, '.pgtopo/state.json'), 'utf8'), written]) {
      expect(text).not.toContain('never-shown');
      expect(text).not.toContain(Buffer.from('never-shown').toString('base64'));
    }
    expect(written).toContain('"sources":[{"secret":{"items":[{"key":"password","path":"app-db-app/password"}],"name":"app-db-app"}}]');
    expect(written).toContain('file: /etc/pgtopo-secrets/app-db-app/password');
  });

  it('reports the proxy pods ready in pgtopo status', async () => {
    const before = await run('status');
    expect(before.stdout).toMatch(/app\.deployment.*0\/2/);
    fake.updateAs('deployment-controller', 'apps/v1', 'Deployment', 'shop', NAME, (object) => void (object.status = { readyReplicas: 2 }));
    const after = await run('status');
    expect(after.stdout).toMatch(/app\.deployment.*2\/2/);
    expect(after.code).toBe(0);
  });

  it('rolls the pods for a change the proxy reads only at start', async () => {
    const template = () => (fake.get('apps/v1', 'Deployment', 'shop', NAME)!.spec as { template: { metadata: { annotations: Record<string, string> } } }).template;
    const before = template().metadata.annotations['pgtopo.io/config-checksum'];
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 2', 'instances: 2\n      port: 7432'));
    const plan = await run('plan');
    expect(plan.stdout).toContain('Plan: 0 to add, 3 to change, 0 to destroy.'); // config, Deployment, Service
    expect(plan.stdout).toContain('restarts for declared_port');
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(template().metadata.annotations['pgtopo.io/config-checksum']).not.toBe(before);
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(template().metadata.annotations['pgtopo.io/config-checksum']).toBe(before);
  });

  it('projects the TLS Secrets into the pods beside the passwords, points the config at them and rolls the pods for it', async () => {
    type Pod = { securityContext: { fsGroup?: number }; containers: Array<{ volumeMounts: object[] }>; volumes: Array<{ name: string; projected?: object }> };
    const template = () => (fake.get('apps/v1', 'Deployment', 'shop', NAME)!.spec as { template: { metadata: { annotations: Record<string, string> }; spec: Pod } }).template;
    const before = template().metadata.annotations['pgtopo.io/config-checksum'];
    const tls = '      tls: { certSecret: app-proxy-tls, caSecret: app-db-ca, client: require, backend: verify-full }\n';
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('users:\n', `${tls}users:\n`));
    const missing = await run('plan');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Secret shop/app-proxy-tls, the proxies' TLS certificate, does not exist");
    const secret = (name: string, type: string, keys: string[]) => fake.seed({
      apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'shop' }, type, data: Object.fromEntries(keys.map((key) => [key, 'LS0tLS0='])),
    }, 'cert-manager');
    secret('app-proxy-tls', 'kubernetes.io/tls', ['tls.crt', 'tls.key']);
    secret('app-db-ca', 'Opaque', ['ca.crt']);
    const plan = await run('plan');
    expect(plan.stdout).toContain('restarts for tls');
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    const pod = template().spec;
    expect(template().metadata.annotations['pgtopo.io/config-checksum']).not.toBe(before);
    expect(pod.volumes.find((volume) => volume.name === 'secrets')?.projected).toEqual({
      defaultMode: 0o440,
      sources: expect.arrayContaining([
        { secret: { name: 'app-proxy-tls', items: [{ key: 'tls.crt', path: 'app-proxy-tls/tls.crt' }, { key: 'tls.key', path: 'app-proxy-tls/tls.key' }] } },
        { secret: { name: 'app-db-ca', items: [{ key: 'ca.crt', path: 'app-db-ca/ca.crt' }] } },
        { secret: { name: 'app-db-app', items: [{ key: 'password', path: 'app-db-app/password' }] } },
      ]),
    });
    expect((pod.volumes.find((volume) => volume.name === 'secrets')!.projected as { sources: unknown[] }).sources).toHaveLength(3);
    expect(pod.containers[0]!.volumeMounts).toContainEqual({ name: 'secrets', mountPath: '/etc/pgtopo-secrets', readOnly: true });
    expect(pod.securityContext.fsGroup).toBe(10001);
    const config = fake.get('v1', 'ConfigMap', 'shop', NAME)!.data as Record<string, string>;
    expect(config['proxy.yaml']).toContain('certFile: /etc/pgtopo-secrets/app-proxy-tls/tls.crt');
    expect(config['proxy.yaml']).toContain('keyFile: /etc/pgtopo-secrets/app-proxy-tls/tls.key');
    expect(config['proxy.yaml']).toContain('caFile: /etc/pgtopo-secrets/app-db-ca/ca.crt');
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(template().spec.volumes.find((volume) => volume.name === 'secrets')?.projected).toMatchObject({ sources: [{ secret: { name: 'app-db-app' } }] });
    expect(template().metadata.annotations['pgtopo.io/config-checksum']).toBe(before);
  });

  it('rolls Pgpool-II pods for a renewed certificate, which Pgpool-II reads only at start; the builtin proxy needs none', async () => {
    const annotations = () => ((fake.get('apps/v1', 'Deployment', 'shop', NAME)!.spec as { template: { metadata: { annotations: Record<string, string> } } })
      .template.metadata.annotations);
    const renew = (pem: string) => fake.updateAs('cert-manager', 'v1', 'Secret', 'shop', 'app-proxy-tls', (object) => {
      (object.data as Record<string, string>)['tls.crt'] = Buffer.from(pem).toString('base64');
    });
    const withTls = (engine: string) => TOPOLOGY.replace('      instances: 2\n', `      instances: 2\n      engine: ${engine}\n      tls: { certSecret: app-proxy-tls }\n`);
    writeFileSync(join(dir, 'pgtopo.yaml'), withTls('pgpool2'));
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    const seen = new Set([annotations()['pgtopo.io/tls-certificate']]);
    for (const round of [1, 2]) {
      renew(`-----BEGIN CERTIFICATE-----\nrenewal ${round}\n-----END CERTIFICATE-----\n`);
      const plan = await run('plan', '--detailed-exitcode');
      expect(plan.code, plan.stdout + plan.stderr).toBe(2);
      expect(plan.stdout).toContain('pgtopo.io/tls-certificate');
      expect((await run('apply', '--auto-approve')).code).toBe(0);
      const digest = annotations()['pgtopo.io/tls-certificate'];
      expect(digest).toMatch(/^[0-9a-f]{16}$/);
      expect(seen.has(digest!), `round ${round}: a new digest`).toBe(false);
      seen.add(digest);
      expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
    }
    writeFileSync(join(dir, 'pgtopo.yaml'), withTls('builtin'));
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    expect(annotations()['pgtopo.io/tls-certificate']).toBeUndefined();
    renew('-----BEGIN CERTIFICATE-----\nrenewal 3\n-----END CERTIFICATE-----\n');
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
    expect((await run('apply', '--auto-approve')).code).toBe(0);
  });

  it('shows as drift only what another manager changed of pgtopo\'s fields, and leaves the rest alone', async () => {
    // kubectl edit of the image (a pgtopo field), an HPA scaling to 5, another applier adding a sidecar and a label.
    fake.updateAs('kubectl-edit', 'apps/v1', 'Deployment', 'shop', NAME, (object) => {
      container(object, 'proxy').image = 'example/hacked:1';
    });
    fake.updateAs('horizontal-pod-autoscaler', 'apps/v1', 'Deployment', 'shop', NAME, (object) => {
      (object.spec as { replicas: number }).replicas = 5;
    });
    fake.applyAs('platform-team', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: NAME, namespace: 'shop', labels: { team: 'platform' } },
      spec: { template: { spec: { containers: [{ name: 'log-shipper', image: 'example/shipper:2' }] } } },
    }, false);
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(plan.stdout).toContain('app.deployment');
    expect(plan.stdout).toContain('"ghcr.io/pgtopo/pgtopo:0.1.0"');
    expect(plan.stdout).not.toContain('example/hacked:1'); // left pgtopo's fields: not what pgtopo compares
    for (const other of ['log-shipper', 'platform', 'replicas']) expect(plan.stdout).not.toContain(other);

    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(0);
    const deployment = fake.get('apps/v1', 'Deployment', 'shop', NAME)!;
    expect(container(deployment, 'proxy').image).toBe('ghcr.io/pgtopo/pgtopo:0.1.0');
    expect(container(deployment, 'log-shipper').image).toBe('example/shipper:2');
    expect((deployment.spec as { replicas: number }).replicas).toBe(5);
    expect((deployment.metadata as { labels: Record<string, string> }).labels.team).toBe('platform');
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('follows the ready replicas on every plan: none ready sends reads to the primary, by reload, without a rollout', async () => {
    const checksum = () => JSON.stringify((fake.get('apps/v1', 'Deployment', 'shop', NAME)!.spec as { template: { metadata: unknown } }).template.metadata);
    const before = checksum();
    setReadyReplicas(fake, 'shop', 'app-db-ro', 0);
    const plan = await run('plan');
    expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(plan.stdout).toContain('# app.config will be updated in place');
    expect(plan.stdout).toMatch(/weight += 2 → 0/);
    expect(plan.stdout).not.toContain('restarts for');
    expect((await run('apply', '--auto-approve')).code).toBe(0);
    const config = fake.get('v1', 'ConfigMap', 'shop', NAME)!.data as Record<string, string>;
    expect(config['proxy.yaml']).toMatch(/name: replica\n(?:.*\n)*? {4}weight: 0/);
    expect(checksum()).toBe(before);
    setReadyReplicas(fake, 'shop', 'app-db-ro', 2);
    expect((await run('reconcile')).code).toBe(0);
    expect((fake.get('v1', 'ConfigMap', 'shop', NAME)!.data as Record<string, string>)['proxy.yaml']).toMatch(/name: replica\n(?:.*\n)*? {4}weight: 2/);
  });

  it('adopts its own objects again with import after the state is lost', async () => {
    const state = join(dir, '.pgtopo/state.json');
    const saved = readFileSync(state, 'utf8');
    rmSync(state);
    const uid = (fake.get('v1', 'Service', 'shop', NAME)!.metadata as { uid: string }).uid;
    const imported = await run('import', 'app.service', uid);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect((await run('plan')).stdout).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');
    const apply = await run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toMatch(/already exists in namespace shop, labelled as this topology's but not in its state; adopt it with `pgtopo import app\.\w+ [0-9a-f-]{36}`/);
    writeFileSync(state, saved);
  });

  it('renders the manifests for GitOps without a cluster', async () => {
    const render = await runPgtopo(['render', '--cluster', 'app', '--format', 'kubernetes'], { cwd: dir, env: { KUBECONFIG: join(dir, 'missing') } });
    expect(render.code).toBe(0);
    expect(render.stdout.match(/^kind: /gm)).toHaveLength(5);
    expect(render.stdout).toContain('host: app-db-ro.shop.svc');
    const wrong = await runPgtopo(['render', '--cluster', 'app', '--format', 'helm'], { cwd: dir });
    expect(wrong.stderr).toContain('--format helm: expected proxy or kubernetes');
    expect(wrong.code).toBe(1);
  });

  it('explains a missing kubeconfig, an unknown context and an unreachable API server, without a stack trace', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ KUBECONFIG: join(dir, 'missing') }, TOPOLOGY, /kubeconfig .*missing does not exist; point KUBECONFIG at a kubeconfig file/],
      [{ KUBECONFIG: join(dir, 'kubeconfig') }, TOPOLOGY.replace('namespace: shop', 'namespace: shop\n    context: staging'),
        /kubeconfig context "staging" does not exist \(contexts: fake\)/],
      [{ KUBECONFIG: join(dir, 'unreachable') }, TOPOLOGY, /cannot reach the API server at http:\/\/127\.0\.0\.1:1/],
    ];
    writeFileSync(join(dir, 'unreachable'), fake.kubeconfig().replace(fake.url, 'http://127.0.0.1:1'));
    for (const [env, topology, message] of cases) {
      writeFileSync(join(dir, 'other.yaml'), topology);
      const result = await runPgtopo(['plan', 'other.yaml'], { cwd: dir, env });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      const explained = result.stderr.replace(/^Error: /, '');
      for (const crash of [...crashPatterns, /\bE[A-Z]{3,}\b/]) expect(explained).not.toMatch(crash);
    }
  });

  it('destroys everything pgtopo created and nothing of the operator\'s', async () => {
    const destroy = await run('destroy', '--auto-approve');
    expect(destroy.code).toBe(0);
    expect(fake.objects().filter((object) => JSON.stringify(object.metadata).includes('pgtopo'))).toEqual([]);
    expect(fake.objects('Service').map((object) => (object.metadata as { name: string }).name).sort()).toEqual(['app-db-ro', 'app-db-rw']);
    expect(fake.objects('Secret').map((object) => (object.metadata as { name: string }).name).sort()).toEqual(['app-db-app', 'app-db-ca', 'app-proxy-tls']);
  });
});

function container(deployment: Record<string, unknown>, name: string): { image: string } {
  const containers = (deployment.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
  const found = containers.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}
