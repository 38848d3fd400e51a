import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { World } from '../../../providers/simulated/world.ts';
import { runPgtopo } from '../support/run-pgtopo.ts';

const TOPOLOGY = `version: 1
name: shop
users:
  - name: app
    password: { fromFile: app.password }
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
    proxy: { instances: 1 }
`;

describe('status, state and import commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-status-'));
  const world = new World(join(dir, 'world.json'));
  const run = (...args: string[]) => runPgtopo(args, { cwd: dir, world: world.path });
  beforeAll(async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY);
    writeFileSync(join(dir, 'app.password'), 'file-secret-123\n');
    expect((await run('apply', '--auto-approve')).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('status shows health and provider details, and what is missing', async () => {
    world.mutate((document) => void document.unhealthy.push('shop-dev-postgres-1'));
    world.deleteOutOfBand('simulated_proxy', 'shop-dev-proxy-0');
    const status = await run('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/dev\.postgres\[0\]\s+healthy\s+srv-\d+\s+role=primary address=srv-\d+\.sim\.internal/);
    expect(status.stdout).toMatch(/dev\.postgres\[1\]\s+UNHEALTHY/);
    expect(status.stdout).toMatch(/dev\.proxy\[0\]\s+MISSING/);
    expect(status.stdout).toContain('2 of 4 objects missing or unhealthy.\n`pgtopo plan` shows what `pgtopo apply` would do to bring them back.');
    const json = JSON.parse((await run('status', '--json')).stdout) as { resources: { address: string; exists: boolean }[] };
    expect(json.resources.find((row) => row.address === 'dev.proxy[0]')!.exists).toBe(false);
  });

  it('state list and show print addresses and attributes, secrets as references', async () => {
    const list = await run('state', 'list');
    expect(list.stdout.trim().split('\n')).toEqual(['dev.network', 'dev.postgres[0]', 'dev.postgres[1]', 'dev.proxy[0]']);
    const show = await run('state', 'show', 'dev.proxy[0]');
    expect(show.stdout).toMatch(/admin_password += \(sensitive, from file app\.password\)/);
    expect(show.stdout).not.toContain('file-secret-123');
    const missing = await run('state', 'show', 'dev.proxy[9]');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('dev.proxy[9] is not in state (see pgtopo state list)');
  });

  it('import adopts an existing object by id', async () => {
    writeFileSync(join(dir, 'pgtopo.yaml'), TOPOLOGY.replace('instances: 1 }', 'instances: 2 }'));
    const orphan = world.mutate((document) => {
      const object = { id: 'pxy-hand', name: 'shop-dev-proxy-1', scope: 'local', attributes: { port: 6433, pool_size: 5 } };
      (document.objects.simulated_proxy ??= []).push(object);
      return object;
    });
    const warned = await run('plan');
    expect(warned.stdout).toContain(`adopt it with: pgtopo import dev.proxy[1] ${orphan.id}`);
    const imported = await run('import', 'dev.proxy[1]', orphan.id);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported pxy-hand as dev.proxy[1].');
    const plan = await run('plan');
    expect(plan.stdout).toContain('# dev.proxy[1] will be updated in place');
    expect(plan.stdout).toMatch(/~ pool_size\s+= 5 → 20/);
  });
});
