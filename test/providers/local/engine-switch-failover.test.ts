// A new engine rolls the proxies one at a time (builtin ↔ pgpool2), so for a while the two engines serve one cluster
// side by side. Each round kills the primary (kill -9) the moment the first replacement is up, the coordinator's
// index on the new engine and the other proxy still on the old one, and samples every instance throughout: never two
// writable primaries, one standby promoted by the new engine's coordinator, writes through both proxies, and the
// same after the next apply, which rebuilds the old primary as a standby.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/pg-cluster.ts';
import { declarablePortRange } from '../../support/declarable-ports.ts';
import { clusterMembers, doublePrimarySampler, waitConverged, writablePrimaries } from './cluster-observer.ts';
import { LocalWorkspace, devTopology, queryAs } from './local-workspace.ts';

type Engine = 'builtin' | 'pgpool2';

let workspace: LocalWorkspace;
let port: number;
const scope = (): string => workspace.clusterDir('dev', 'swap');

const topology = (engine: Engine): string => devTopology('swap', 3, [
  `engine: ${engine}`, 'instances: 2', `port: ${port}`, 'pooling: { mode: transaction, poolSize: 4 }',
  'healthCheck: { period: 1s, timeout: 1s, retries: 1 }', 'replicationCheck: { period: 1s }',
]);

beforeAll(async () => {
  port = await declarablePortRange(2);
  workspace = await LocalWorkspace.create(topology('builtin'));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
  await queryAs(port, 'app', 'CREATE TABLE marks (round int)');
}, 120_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the running apply has printed `text`; rejects if it ends first. */
async function printed(run: ReturnType<LocalWorkspace['start']>, text: string): Promise<void> {
  let ended = false;
  void run.done.then(() => (ended = true));
  while (!run.output().stdout.includes(text)) {
    if (ended) throw new Error(`apply ended without printing ${text}:\n${run.output().stdout}${run.output().stderr}`);
    await sleep(10);
  }
}

function writeThrough(proxyPort: number, round: number): Promise<unknown> {
  return eventually(`round ${round}: a write through ${proxyPort}`, () => queryAs(proxyPort, 'app', `INSERT INTO marks VALUES (${round}) RETURNING round`),
    (rows) => rows.length === 1, 60_000);
}

describe('a new engine while the primary fails', () => {
  it.each([{ round: 1, engine: 'pgpool2' }, { round: 2, engine: 'builtin' }, { round: 3, engine: 'pgpool2' }, { round: 4, engine: 'builtin' }] as const)(
    'round $round (to $engine): one standby promoted, never two writable primaries', async ({ round, engine }) => {
      const primary = await waitConverged(scope(), `before round ${round}`, 90_000);
      const sampler = doublePrimarySampler(scope());
      await workspace.writeTopology(topology(engine));
      const run = workspace.start('apply', '--auto-approve');
      await printed(run, 'dev.proxy[0]: Creation complete');
      await clusterMembers(scope()).find((member) => member.instance.name === primary)!.instance.kill9();
      const switched = await run.done;
      expect(switched.stdout, switched.stdout + switched.stderr).toContain('dev.proxy[1]: Creation complete');
      // The coordinator's index, now on the new engine, promotes a standby, and both proxies follow it (a
      // Pgpool-II that started as the primary died does too: providers/local/pgpool-start-status.ts).
      for (const proxyPort of [port, port + 1]) await writeThrough(proxyPort, round);
      const [promoted, ...more] = await writablePrimaries(scope());
      expect(more).toEqual([]);
      expect(promoted).not.toBe(primary);
      // The next apply rebuilds the old primary as a standby; both proxies still take writes.
      const rebuilt = await workspace.run('apply', '--auto-approve');
      expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
      expect(await waitConverged(scope(), `after round ${round}`, 90_000)).toBe(promoted);
      for (const proxyPort of [port, port + 1]) await writeThrough(proxyPort, round);
      expect(await sampler.stop()).toEqual([]);
    }, 240_000);
});
