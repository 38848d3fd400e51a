// `pgtopo reconcile --watch --source <bare repository>#main:<path>` as a real process following a real git
// repository: commits pushed between runs are applied once each and recorded in state, status and metrics; an
// invalid commit is reported with file:line:column and its id while the last applied commit keeps running (drift
// repaired); a ref moved back is refused until --allow-rewind.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { World } from '../../../providers/simulated/world.ts';
import { eventually } from '../../support/pg-cluster.ts';
import { git, poolTopology } from '../../support/git-repository.ts';
import { runPgtopo, startPgtopo, type PgtopoProcess } from '../support/run-pgtopo.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-pull-'));
const origin = join(dir, 'origin.git');
const work = join(dir, 'work');
const cache = join(dir, 'cache');
const world = new World(join(dir, 'world.json'));
let watcher: PgtopoProcess | undefined;

afterAll(async () => {
  watcher?.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function push(poolSize: number | string): string {
  writeFileSync(join(work, 'pgtopo/pgtopo.yaml'), poolTopology(poolSize));
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', `pool of ${poolSize}`);
  git(work, 'push', '-q', 'origin', 'HEAD:main');
  return git(work, 'rev-parse', 'HEAD');
}

function watch(...extra: string[]): PgtopoProcess {
  return startPgtopo(['reconcile', '--watch', '--interval', '1s', '--listen', '127.0.0.1:0',
    '--source', `${origin}#main:pgtopo/pgtopo.yaml`, '--source-cache', cache, ...extra], { cwd: dir, world: world.path });
}

const logs = (): Record<string, unknown>[] => watcher!.output().stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
const poolSize = () => world.objectsOf('simulated_proxy')[0]?.attributes.pool_size;
const statePath = join(cache, 'checkout/pgtopo/.pgtopo/state.json');
const recordedCommit = () => (JSON.parse(readFileSync(statePath, 'utf8')) as { source?: { commit: string } }).source?.commit;

async function port(): Promise<number> {
  return eventually('the watcher to listen', async () => {
    const watching = logs().find((line) => line.message === 'watching');
    if (!watching) throw new Error('not yet');
    return Number(String(watching.listen).split(':').pop());
  }, (value) => value > 0);
}

async function get(at: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${at}${path}`);
  return { status: response.status, body: await response.text() };
}

/** Waits until the log has `count` more lines matching `predicate` than at the start. */
async function runsPast(predicate: (line: Record<string, unknown>) => boolean, count: number, what: string): Promise<void> {
  const start = logs().filter(predicate).length;
  await eventually(what, async () => logs().filter(predicate).length - start, (seen) => seen >= count, 30_000);
}

describe('reconcile --watch --source (pull mode)', () => {
  it('follows a bare repository commit by commit, keeps the last good one over an invalid one, and refuses to go back', async () => {
    git(dir, 'init', '-q', '--bare', '-b', 'main', origin);
    git(dir, 'init', '-q', '-b', 'main', work);
    git(work, 'remote', 'add', 'origin', origin);
    mkdirSync(join(work, 'pgtopo'));
    const first = push(10);
    watcher = watch();
    const at = await port();
    await eventually('the first commit applied', async () => recordedCommit(), (commit) => commit === first, 30_000);
    expect(poolSize()).toBe(10);

    const second = push(20);
    await eventually('the second commit applied', async () => recordedCommit(), (commit) => commit === second, 30_000);
    expect(poolSize()).toBe(20);
    await runsPast((line) => line.message === 'in sync', 2, 'two runs in sync on the second commit');
    expect(logs().filter((line) => line.message === 'applying' && line.commit === second)).toHaveLength(1);
    expect(logs().filter((line) => line.message === 'applied commit').map((line) => line.commit)).toEqual([first, second]);
    expect((await get(at, '/metrics')).body).toContain(`pgtopo_source_applied_commit_info{commit="${second}"} 1`);
    const status = await runPgtopo(['status', join(cache, 'checkout/pgtopo/pgtopo.yaml')], { cwd: dir, world: world.path });
    expect(status.stdout).toContain(`Applied commit ${second} of ${origin}#main:pgtopo/pgtopo.yaml`);

    const invalid = push('many');
    const rejected = await eventually('the invalid commit reported', async () => logs().find((line) => line.commit === invalid && line.level === 'error'),
      (line) => line !== undefined, 30_000);
    expect(rejected!.message).toBe('invalid topology at commit; keeping the last applied commit');
    expect(String(rejected!.error)).toMatch(/^pgtopo\/pgtopo\.yaml:11:19: error: /);
    expect(rejected!.appliedCommit).toBe(second);
    // The last good topology keeps running: drift is still repaired from it.
    world.deleteOutOfBand('simulated_proxy', 'shop-dev-proxy-0');
    await eventually('the proxy re-created from the last good commit', async () => poolSize(), (size) => size === 20, 30_000);
    const health = await get(at, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ appliedCommit: second, rejectedCommit: invalid });
    expect((await get(at, '/metrics')).body).toContain('pgtopo_source_invalid_commits_total 1');
    expect(recordedCommit()).toBe(second);

    const fourth = push(30);
    await eventually('the fourth commit applied', async () => recordedCommit(), (commit) => commit === fourth, 30_000);
    expect(poolSize()).toBe(30);

    git(work, 'push', '-q', '--force', 'origin', `${second}:main`);
    const refused = await eventually('the rewind refused', async () => logs().find((line) => line.message === 'reconcile failed' && String(line.error).includes('refusing to go back')),
      (line) => line !== undefined, 30_000);
    expect(String(refused!.error)).toContain(`commit ${second} of ${origin}#main:pgtopo/pgtopo.yaml does not descend from ${fourth}`);
    expect((await get(at, '/healthz')).status).toBe(503);
    expect(poolSize()).toBe(30);
    watcher.child.kill('SIGTERM');
    expect((await watcher.done).code).toBe(0);

    watcher = watch('--allow-rewind');
    await eventually('the rewind applied when allowed', async () => recordedCommit(), (commit) => commit === second, 30_000);
    expect(poolSize()).toBe(20);
    watcher.child.kill('SIGTERM');
    expect((await watcher.done).code).toBe(0);
  }, 240_000);
});
