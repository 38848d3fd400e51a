import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../cli/run-pgtopo.ts';
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

/** Runs apply in `where` and SIGKILLs it once `killNow(output so far)` says so (checked on output and every 10 ms). */
function applyKilledWhen(where: LocalWorkspace, killNow: (output: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/node'), [join(repoRoot, 'bin/pgtopo'), 'apply', where.file, '--auto-approve'],
      { env: { ...process.env, ...PASSWORDS }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const check = (): void => {
      if (child.exitCode === null && killNow(output)) child.kill('SIGKILL');
    };
    const poll = setInterval(check, 10);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      check();
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(poll);
      resolve(output);
    });
  });
}

function applyKilledAt(marker: string): Promise<string> {
  return applyKilledWhen(workspace, (output) => output.includes(marker));
}

/** Live processes whose command line mentions `where` (postmasters name their data dir, proxies their config). */
function processesOfWorkspace(where = workspace): { pid: number; cmdline: string }[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return cmdline.includes(where.dir) && !cmdline.includes(' apply ') ? [{ pid: Number(pid), cmdline: cmdline.trim() }] : [];
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
    const running = processesOfWorkspace().map((process) => process.cmdline);
    expect(running.filter((cmdline) => / proxy --config /.test(cmdline))).toHaveLength(2);
    expect(running.filter((cmdline) => /postgres -D /.test(cmdline) || /bin\/postgres\b/.test(cmdline))).toHaveLength(2);
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

// An apply killed -9 while initdb or pg_basebackup writes an instance's directory used to leave the tool running: the
// next apply deleted the directory under it and failed (ENOTEMPTY), or the tool kept writing into the new one.
describe('an apply killed while a PostgreSQL tool writes an instance directory', () => {
  let tools: LocalWorkspace;
  const topology = (instances: number) => `
version: 1
name: it
clusters:
  dev:
    environment: local
    postgres: { instances: ${instances}, parameters: { fsync: off } }
    proxy: { instances: 1 }
${TOPOLOGY_USERS}`;
  // The tool itself (argv[0]), not a shell that would start it.
  const toolsRunning = (tool: string) => processesOfWorkspace(tools).filter((process) => process.cmdline.split(' ')[0]!.endsWith(`/bin/${tool}`));

  beforeAll(async () => {
    tools = await LocalWorkspace.create(topology(2));
  });

  afterAll(async () => {
    await tools?.cleanup();
  }, 120_000);

  for (const [tool, instances] of [['initdb', 2], ['pg_basebackup', 3]] as const) {
    it(`stops the ${tool} a killed apply left running before it touches its directory, and converges`, async () => {
      await tools.writeTopology(topology(instances));
      // The tool is paused (SIGSTOP) as the apply is killed, so it is certainly still there when the next apply
      // starts, however fast it would have finished: a slow disk or a big base backup, made deterministic.
      let orphans: number[] = [];
      await applyKilledWhen(tools, () => {
        orphans = toolsRunning(tool).map((found) => found.pid);
        for (const pid of orphans) process.kill(pid, 'SIGSTOP');
        return orphans.length > 0;
      });
      try {
        expect(orphans.length, `${tool} outlives the killed apply`).toBeGreaterThan(0);
        const rerun = await tools.run('apply', '--auto-approve');
        expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
        // Stopped by the apply before it touched the directory, not left to fail or finish on its own.
        expect(rerun.stdout).toContain(`stopped ${tool} (pid ${Math.min(...orphans)}), left running by an apply that died`);
        expect(['initdb', 'pg_basebackup', 'pg_rewind'].flatMap(toolsRunning)).toEqual([]);
      } finally {
        for (const pid of orphans) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // stopped by the apply, as it should be
          }
        }
      }
      const status = await tools.status();
      expect([...status.values()].every((row) => row.exists && row.healthy), JSON.stringify([...status.values()])).toBe(true);
    }, 120_000);
  }
});
