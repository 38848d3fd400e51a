// examples/gitops/pgtopo-pipeline.sh as a CI system runs it, in a real git repository: plan on a branch, merge,
// apply the saved plan; then two pull requests planned against the same main, one merged and applied first, and the
// other's saved plan refused after main moved on — by the script (the topology's tree changed) and by pgtopo itself
// (state serial). The simulated provider stands in for the infrastructure: the flow is what is tested here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../../providers/simulated/world.ts';
import { repoRoot } from '../cli/run-pgtopo.ts';
import { gitEnv, git as runGit, poolTopology } from '../support/git-repository.ts';

const script = join(repoRoot, 'examples/gitops/pgtopo-pipeline.sh');
const dir = mkdtempSync(join(tmpdir(), 'pgtopo-gitops-'));
const repo = join(dir, 'repo');
const world = new World(join(dir, 'world.json'));
const env = {
  ...gitEnv, NO_COLOR: '1', PGTOPO_SIMULATE: world.path, PGTOPO_TOPOLOGY: 'pgtopo/pgtopo.yaml',
  PGTOPO: `${join(repoRoot, 'node_modules/.bin/node')} ${join(repoRoot, 'bin/pgtopo')}`,
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const git = (...args: string[]) => runGit(repo, ...args);

function commitTopology(poolSize: number, port: number, message: string): void {
  writeFileSync(join(repo, 'pgtopo/pgtopo.yaml'), poolTopology(poolSize, port));
  git('commit', '-qam', message);
}

function pipeline(step: 'plan' | 'apply', planDir: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync('sh', [script, step], { cwd: repo, env: { ...env, PGTOPO_PLAN_DIR: planDir }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const proxy = () => world.objectsOf('simulated_proxy')[0]?.attributes;

describe('the GitOps pipeline script', () => {
  it('passes shellcheck as POSIX sh', () => {
    const checked = spawnSync('shellcheck', ['-s', 'sh', script], { encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('applies on main exactly the plan made on the branch, and refuses a plan made before main moved on', () => {
    mkdirSync(join(repo, 'pgtopo'), { recursive: true });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.gitignore'), '.pgtopo/\n');
    writeFileSync(join(repo, 'pgtopo/pgtopo.yaml'), poolTopology(10, 6432));
    git('add', '.');
    git('commit', '-qm', 'the first topology');

    git('checkout', '-qb', 'first');
    commitTopology(20, 6432, 'pool of 20');
    const first = join(dir, 'plan-first');
    const planned = pipeline('plan', first);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    const comment = readFileSync(join(first, 'plan.md'), 'utf8');
    expect(comment).toContain('### pgtopo plan for `shop`');
    expect(comment).toMatch(/\| ➕ create \| `dev\.proxy\[0\]` \|/);
    expect(comment).toContain(`Planned from ${git('rev-parse', 'HEAD')}.`);
    expect(world.objectsOf('simulated_proxy')).toHaveLength(0); // a plan changes nothing

    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', 'merge first', 'first');
    const applied = pipeline('apply', first);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(proxy()).toMatchObject({ pool_size: 20, port: 6432 });
    expect(JSON.parse(readFileSync(join(first, 'outputs.json'), 'utf8'))).toEqual({ 'dev.proxy[0]': { value: 'dev.proxy[0].sim.internal:6432' } });

    // Two pull requests planned against the same main; the second one merges and applies first.
    git('checkout', '-qb', 'bigger-pool', 'main');
    commitTopology(30, 6432, 'pool of 30');
    const bigger = join(dir, 'plan-bigger');
    expect(pipeline('plan', bigger).code).toBe(0);
    git('checkout', '-qb', 'other-port', 'main');
    commitTopology(20, 7432, 'port 7432');
    const port = join(dir, 'plan-port');
    expect(pipeline('plan', port).code).toBe(0);
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', 'merge other-port', 'other-port');
    expect(pipeline('apply', port).code).toBe(0);
    expect(proxy()).toMatchObject({ pool_size: 20, port: 7432 });

    git('merge', '-q', '--no-ff', '-m', 'merge bigger-pool', 'bigger-pool');
    const stale = pipeline('apply', bigger);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/the saved plan is stale: it was planned from tree [0-9a-f]{40} of pgtopo, and HEAD has [0-9a-f]{40} \(main moved on\)/);
    // pgtopo refuses it too, for the state it was made from (the script's check aside).
    const direct = spawnSync('sh', ['-c', `${env.PGTOPO} apply ${join(bigger, 'plan.bin')}`], { cwd: repo, env, encoding: 'utf8' });
    expect(direct.status).toBe(1);
    expect(direct.stderr).toMatch(/stale/);
    expect(proxy()).toMatchObject({ pool_size: 20, port: 7432 });

    // Planned again on the merged main, it applies.
    const again = join(dir, 'plan-again');
    expect(pipeline('plan', again).code).toBe(0);
    expect(pipeline('apply', again).code).toBe(0);
    expect(proxy()).toMatchObject({ pool_size: 30, port: 7432 });
  }, 120_000);

  it('says how to use it', () => {
    const run = pipeline('nonsense' as 'plan', join(dir, 'unused'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('usage:');
    expect(pipeline('apply', join(dir, 'no-plan-here')).stderr).toContain('no saved plan in');
  });
});
