import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_FILE } from '../../../providers/local/local-layout.ts';
import { LocalWorkspace, devTopology } from './local-workspace.ts';

// Before 0.2 a proxy's tier attributes were named by how a change applies (`restart.users`, `reload.router`), in
// state and in each proxy's record. A cluster applied by that version must plan no changes after the upgrade, and
// its proxies must still take a change by reload.

/** The names 0.1 gave the tier attributes; `backends` was under `restart.` only with Pgpool-II. */
const OLD_RESTART = ['declared_port', 'metrics', 'users', 'monitor_user'];
const OLD_RELOAD = ['pool', 'pooling', 'hba', 'router', 'log_level', 'health', 'replication_check', 'failover', 'replication', 'backends'];

function oldName(key: string): string {
  if (OLD_RESTART.includes(key)) return `restart.${key}`;
  return OLD_RELOAD.includes(key) ? `reload.${key}` : key;
}

function renameKeys(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [oldName(key), value]));
}

/** Rewrites the workspace's state and proxy records the way 0.1 wrote them. */
function writeTheOldWay(workspace: LocalWorkspace): void {
  const statePath = join(workspace.dir, '.pgtopo', 'state.json');
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as { resources: { type: string; attributes: Record<string, unknown> }[] };
  for (const resource of state.resources) if (resource.type === 'local_proxy') resource.attributes = renameKeys(resource.attributes);
  writeFileSync(statePath, JSON.stringify(state, null, 2));
  const clusterDir = workspace.clusterDir('dev', 'old');
  for (const entry of readdirSync(clusterDir).filter((name) => name.startsWith('proxy'))) {
    const recordPath = join(clusterDir, entry, RECORD_FILE);
    const record = JSON.parse(readFileSync(recordPath, 'utf8')) as { tier: Record<string, unknown> };
    record.tier = renameKeys(record.tier);
    writeFileSync(recordPath, JSON.stringify(record, null, 2));
  }
}

const topology = (logLevel: string): string => devTopology('old', 1, ['instances: 1', `logLevel: ${logLevel}`]);

let workspace: LocalWorkspace;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology('info'));
  const apply = await workspace.run('apply', '--auto-approve');
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  writeTheOldWay(workspace);
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

describe('state and records written with the former attribute names', () => {
  it('plan no changes', async () => {
    expect(readFileSync(join(workspace.dir, '.pgtopo', 'state.json'), 'utf8')).toContain('"restart.users"');
    const plan = await workspace.run('plan', '--detailed-exitcode');
    expect(plan.stdout + plan.stderr).toContain('No changes. Reality matches the topology.');
    expect(plan.stdout).not.toContain('drift');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });

  it('take a change by reload, under the plain name', async () => {
    await workspace.writeTopology(topology('debug'));
    const plan = await workspace.run('plan');
    expect(plan.stdout).toMatch(/~ log_level = "info" → "debug"/);
    expect(plan.stdout).not.toContain('restart');
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('dev.proxy[0]: configuration reloaded (SIGHUP)');
  });
});
