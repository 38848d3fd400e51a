import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../engine/cli/run-pgtopo.ts';
import { LocalWorkspace, PASSWORDS, TOPOLOGY_USERS } from './local-workspace.ts';

// An apply killed -9 while it creates processes leaves servers and proxies the state does not record yet. The next
// apply must find them again or clean them up: it converges, and no second copy of anything is left running.

let workspace: LocalWorkspace;

beforeAll(async () => {
  workspace = await LocalWorkspace.create(`
version: 1
name: ia
clusters:
  dev:
    environment: local
    postgres: { instances: 2, parameters: { fsync: off } }
    proxy: { instances: 2 }
${TOPOLOGY_USERS}`);
});

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

/** Runs apply and SIGKILLs it as soon as its output shows `marker`. */
function applyKilledAt(marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/node'), [join(repoRoot, 'bin/pgtopo'), 'apply', workspace.file, '--auto-approve'],
      { env: { ...process.env, ...PASSWORDS }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes(marker)) child.kill('SIGKILL');
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve(output));
  });
}

/** Live processes whose command line mentions this workspace (postmasters name their data dir, proxies their config). */
function processesOfWorkspace(): string[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return cmdline.includes(workspace.dir) && !cmdline.includes(' apply ') ? [cmdline.trim()] : [];
    } catch {
      return [];
    }
  });
}

describe('an apply killed while creating', () => {
  it('is finished by the next apply with exactly one process per instance and proxy', async () => {
    const killed = await applyKilledAt('dev.proxy[0]: Creating...');
    expect(killed).toContain('dev.proxy[0]: Creating...');
    const rerun = await workspace.run('apply', '--auto-approve');
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    const status = await workspace.status();
    expect([...status.values()].every((row) => row.exists && row.healthy), JSON.stringify([...status.values()])).toBe(true);
    const running = processesOfWorkspace();
    expect(running.filter((cmdline) => / proxy --config /.test(cmdline))).toHaveLength(2);
    expect(running.filter((cmdline) => /postgres -D /.test(cmdline) || /bin\/postgres\b/.test(cmdline))).toHaveLength(2);
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
