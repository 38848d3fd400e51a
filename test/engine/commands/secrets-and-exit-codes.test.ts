import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runPgtopo } from '../support/run-pgtopo.ts';

const SECRET = 'Tr0ub4dor&3-never-print-me';
const TOPOLOGY = `version: 1
name: shop
users:
  - name: app
    admin: true
    password: { fromEnv: APP_DB_PASSWORD }
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 2, port: 6432 }
`;

describe('pgtopo plan/apply through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-cli-'));
  const world = join(dir, 'world.json');
  const env = { APP_DB_PASSWORD: SECRET };
  const run = (...args: string[]) => runPgtopo(args, { cwd: dir, world, env });
  const everything: string[] = [];
  const record = <T extends { stdout: string; stderr: string }>(result: T): T => {
    everything.push(result.stdout, result.stderr);
    return result;
  };

  beforeAll(() => writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans with --detailed-exitcode: 2 with changes, 0 without', async () => {
    const plan = record(await run('plan', '--detailed-exitcode'));
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('Plan: 5 to add, 0 to change, 0 to destroy.');
    expect(plan.stdout).toContain('admin_password = (sensitive)');
    const apply = record(await run('apply', '--auto-approve'));
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/dev\.proxy\[0\]: Creation complete after \d+s \[id=pxy-\d+\]/);
    expect(apply.stdout).toContain('Apply complete! Resources: 5 added, 0 changed, 0 destroyed.');
    const again = record(await run('plan', '--detailed-exitcode'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('detects a rotated secret without ever showing it, in text, JSON, markdown, state and logs', async () => {
    const rotated = 'n3w-s3cret-also-hidden';
    const text = record(await runPgtopo(['plan'], { cwd: dir, world, env: { APP_DB_PASSWORD: rotated } }));
    expect(text.stdout).toContain('~ admin_password = (sensitive) → (sensitive)');
    const json = record(await runPgtopo(['plan', '--json'], { cwd: dir, world, env: { APP_DB_PASSWORD: rotated } }));
    const document = JSON.parse(json.stdout) as { format_version: string; summary: unknown; resource_changes: { action: string }[] };
    expect(document.format_version).toBe('1.0');
    expect(document.summary).toEqual({ add: 0, change: 2, destroy: 0, replace: 0 });
    record(await runPgtopo(['plan', '--format', 'markdown'], { cwd: dir, world, env: { APP_DB_PASSWORD: rotated } }));
    record(await runPgtopo(['plan', '--out', 'rotate.bin'], { cwd: dir, world, env: { APP_DB_PASSWORD: rotated } }));
    everything.push(gunzipSync(readFileSync(join(dir, 'rotate.bin'))).toString());
    record(await runPgtopo(['apply', 'rotate.bin'], { cwd: dir, world, env: { APP_DB_PASSWORD: rotated } }));
    record(await runPgtopo(['reconcile'], { cwd: dir, world, env: { APP_DB_PASSWORD: rotated } }));
    record(await run('state', 'show', 'dev.proxy[0]'));
    record(await run('status'));
    for (const file of readdirSync(join(dir, '.pgtopo'))) everything.push(readFileSync(join(dir, '.pgtopo', file), 'utf8'));
    expect(everything.join('\n').length).toBeGreaterThan(1000);
    for (const secret of [SECRET, rotated]) expect(everything.join('\n')).not.toContain(secret);
  });

  it('names a missing secret variable without a stack trace', async () => {
    const result = await runPgtopo(['plan'], { cwd: dir, world, env: { APP_DB_PASSWORD: undefined } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pgtopo.yaml:6:26: error: environment variable APP_DB_PASSWORD is not set');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('needs no secret to refresh or destroy, which read none', async () => {
    const refresh = await runPgtopo(['plan', '--refresh-only'], { cwd: dir, world, env: { APP_DB_PASSWORD: undefined } });
    expect(refresh.code, refresh.stderr).toBe(0);
    const destroyPlan = await runPgtopo(['plan', '--destroy'], { cwd: dir, world, env: { APP_DB_PASSWORD: undefined } });
    expect(destroyPlan.code, destroyPlan.stderr).toBe(0);
    expect(destroyPlan.stdout).toContain('to destroy');
  });

  it('checks the secrets again when a saved plan is applied, before touching anything', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 2, port', 'instances: 3, port'));
    expect((await run('plan', '--out', 'grow.bin')).code).toBe(0);
    const result = await runPgtopo(['apply', 'grow.bin'], { cwd: dir, world, env: { APP_DB_PASSWORD: undefined } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pgtopo.yaml:6:26: error: environment variable APP_DB_PASSWORD is not set');
    expect(JSON.parse(readFileSync(world, 'utf8')).objects.simulated_proxy).toHaveLength(2);
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
  });

  it('refuses to apply without a terminal and without --auto-approve', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 2, port', 'instances: 3, port'));
    const result = await run('apply');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('re-run with --auto-approve');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a saved plan once the topology file changed', async () => {
    const saved = await run('plan', '--out', 'scale.bin');
    expect(saved.code).toBe(0);
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 2, port', 'instances: 4, port'));
    const result = await run('apply', 'scale.bin');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/saved plan scale\.bin is stale: .*pgtopo\.yaml changed/);
    expect(JSON.parse(readFileSync(world, 'utf8')).objects.simulated_proxy).toHaveLength(2);
  });
});
