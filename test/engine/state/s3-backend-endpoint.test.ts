// The S3 state backend on the real SDK stack: `bin/pgtopo` (simulated provider) reaches a loopback S3-compatible
// server only through AWS_ENDPOINT_URL_S3 (no endpoint in pgtopo's code), signs with dummy credentials, and the
// server enforces If-None-Match / If-Match with 412, so apply, a stale lock and force-unlock run as in CI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPgtopo } from '../support/run-pgtopo.ts';
import { S3BucketWorld, serveOverHttp } from './s3-bucket-world.ts';

const TOPOLOGY = `version: 1
name: shop
state: { backend: s3, bucket: team-state, key: pgtopo/shop.json, region: eu-west-1 }
clusters:
  dev:
    environment: local
    postgres: { instances: 1 }
    proxy: { instances: 1 }
users:
  - { name: app, password: { fromEnv: APP_PASSWORD } }
`;

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-s3-'));
const bucket = new S3BucketWorld('team-state');
let endpoint: Awaited<ReturnType<typeof serveOverHttp>>;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  endpoint = await serveOverHttp(bucket);
  writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
  env = {
    AWS_ENDPOINT_URL_S3: endpoint.url, AWS_ENDPOINT_URL: undefined, AWS_ACCESS_KEY_ID: 'AKIDUMMY', AWS_SECRET_ACCESS_KEY: 'dummy',
    AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true', APP_PASSWORD: 'not-in-the-bucket-7f3a',
  };
});
afterAll(async () => {
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

const pgtopo = (...args: string[]) => runPgtopo(args, { cwd: dir, world: join(dir, 'world.json'), env });

describe('the s3 state backend through AWS_ENDPOINT_URL_S3', () => {
  it('applies with state in the bucket, and a stale lock is refused until force-unlock releases it', async () => {
    const applied = await pgtopo('apply', '--auto-approve');
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const state = JSON.parse(bucket.objects.get('pgtopo/shop.json')!.body) as { serial: number; resources: unknown[] };
    expect(state.resources.length).toBeGreaterThan(0);
    expect(bucket.objects.has('pgtopo/shop.json.key')).toBe(true);
    expect(bucket.objects.has('pgtopo/shop.json.lock')).toBe(false);
    expect([...bucket.objects.values()].some((object) => object.body.includes('not-in-the-bucket-7f3a'))).toBe(false);
    expect(endpoint.requests.length).toBeGreaterThan(0);
    expect(endpoint.requests.every((request) => request.endsWith(' signed') && request.includes(' /team-state/pgtopo/shop.json'))).toBe(true);

    // A CI runner died holding the lock.
    const stale = { id: '5b2c0c9e-stale', holder: 'runner', host: 'ci-runner-7', pid: 4242, created: '2026-12-01T10:00:00.000Z', operation: 'apply', topology: 'shop' };
    bucket.put('pgtopo/shop.json.lock', JSON.stringify(stale), { ifNoneMatch: '*' });
    const locked = await pgtopo('apply', '--auto-approve');
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('state is locked: lock 5b2c0c9e-stale held by runner@ci-runner-7 (pid 4242) for "apply"');
    expect(locked.stderr).toContain('pgtopo force-unlock 5b2c0c9e-stale');
    expect(JSON.parse(bucket.objects.get('pgtopo/shop.json')!.body).serial).toBe(state.serial);

    const unlocked = await pgtopo('force-unlock', '5b2c0c9e-stale');
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain('Released lock 5b2c0c9e-stale held by runner@ci-runner-7');
    expect(bucket.calls).toContain('DELETE pgtopo/shop.json.lock');

    const again = await pgtopo('apply', '--auto-approve');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No changes/);
    const status = await pgtopo('status', '--json');
    expect(JSON.parse(status.stdout).state).toBe('s3://team-state/pgtopo/shop.json');
  }, 60_000);
});
