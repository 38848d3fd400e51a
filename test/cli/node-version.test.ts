import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './run-pgtopo.ts';

// `bin/pgtopo` started by a Node too old to run TypeScript (Debian's own Node, outside node_modules, is such a
// Node) hands the run to the Node 24 that `npm ci` put into node_modules: the same output, exit code and signals.
// Without one, it says which Node it needs and how to get it, instead of an internal error about ".ts" files.

const MINIMUM = [22, 19];

function olderNode(): string | undefined {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n').filter((path) => path !== '' && !path.includes('node_modules'));
  return found.find((path) => {
    const [major, minor] = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number);
    return major! < MINIMUM[0]! || (major === MINIMUM[0] && minor! < MINIMUM[1]!);
  });
}

const node = olderNode();
const scratch = mkdtempSync(join(tmpdir(), 'pgtopo-old-node-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(node === undefined)(`bin/pgtopo on an old Node (${node ?? 'no Node older than 22.19 here'})`, () => {
  const pgtopo = join(repoRoot, 'bin/pgtopo');

  it('runs the command on the bundled Node', () => {
    const version = spawnSync(node!, [pgtopo, '--version'], { encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(version.status).toBe(0);
  });

  it("ends with the command's exit code and error", () => {
    const missing = join(scratch, 'missing.yaml');
    const run = spawnSync(node!, [pgtopo, 'validate', missing], { encoding: 'utf8' });
    expect(run.stderr).toContain(`${missing}:1:1: error: cannot read the topology file: no such file`);
    expect(run.status).toBe(1);
  });

  it('passes a stop on to the run, which stops gracefully', async () => {
    const watch = spawn(node!, [pgtopo, 'reconcile', '--watch', '--interval', '1h', '--listen', '127.0.0.1:0', join(scratch, 'missing.yaml')], { detached: true });
    let stdout = '';
    watch.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const exited = new Promise<[number | null, string | null]>((resolve) => watch.on('exit', (code, signal) => resolve([code, signal])));
    try {
      await expect.poll(() => stdout, { timeout: 20_000 }).toContain('"watching"');
      watch.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
      expect(stdout).toContain('stopping after the current run');
    } finally {
      // The whole group: were the stop not passed on, the run on the bundled Node would outlive its parent.
      try { process.kill(-watch.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }
  });

  it('without a bundled Node, names the Node it needs and how to get it', () => {
    cpSync(join(repoRoot, 'bin'), join(scratch, 'bin'), { recursive: true });
    const run = spawnSync(node!, [join(scratch, 'bin/pgtopo'), '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('pgtopo: needs Node.js 22.19 or newer; this is Node ');
    expect(run.stderr).toContain('`npm ci` installs Node 24 into node_modules and `npx pgtopo …` runs on it');
    expect(run.stderr).not.toContain('internal error');
    expect(run.stdout).toBe('');
  });
});
