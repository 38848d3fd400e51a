// A change every proxy of a cluster must restart for (the builtin proxy's worker count) restarts them one at a time,
// and a new engine replaces them one at a time: while one is down the other answers, so a client that knows both
// addresses always finds one. Each round logs in through both proxies every few milliseconds during the apply and
// fails on any moment neither answered.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarablePortRange } from '../../support/declarable-ports.ts';
import { LocalWorkspace, PASSWORDS, devTopology } from './local-workspace.ts';

type Proxy = { workers: number } | { engine: 'pgpool2' };

let workspace: LocalWorkspace;
let ports: number[];

// Declared ports: a replaced proxy listens where the old one did, as a client given both addresses needs.
const topology = (proxy: Proxy): string =>
  devTopology('roll', 1, ['instances: 2', `port: ${ports[0]}`, 'pooling: { mode: transaction, poolSize: 4 }',
    'workers' in proxy ? `workers: ${proxy.workers}` : `engine: ${proxy.engine}`]);

beforeAll(async () => {
  const first = await declarablePortRange(2);
  ports = [first, first + 1];
  workspace = await LocalWorkspace.create(topology({ workers: 1 }));
  const apply = await workspace.run('apply', '--auto-approve');
  if (apply.code !== 0) throw new Error(apply.stdout + apply.stderr);
}, 120_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

async function answers(port: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'app', password: PASSWORDS.PGTOPO_APP_PASSWORD, database: 'postgres', connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Probes both proxies together, round after round, until stopped: the rounds and those where neither answered. */
function probeBoth(): { stop: () => Promise<{ rounds: number; neither: number; down: number[] }> } {
  let running = true;
  let rounds = 0;
  let neither = 0;
  const down = [0, 0];
  const loop = (async () => {
    while (running) {
      const results = await Promise.all(ports.map(answers));
      rounds++;
      results.forEach((ok, i) => { if (!ok) down[i]!++; });
      if (results.every((ok) => !ok)) neither++;
    }
  })();
  return { stop: async () => { running = false; await loop; return { rounds, neither, down }; } };
}

/** Applies `proxy` while probing both proxies; expects both restarted, each seen down, never both. */
async function applyProbed(proxy: Proxy): Promise<string> {
  const before = new Set(workspace.recordedPids());
  await workspace.writeTopology(topology(proxy));
  const probes = probeBoth();
  const apply = await workspace.run('apply', '--auto-approve');
  const { rounds, neither, down } = await probes.stop();
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  const restarted = workspace.recordedPids().filter((pid) => !before.has(pid));
  expect(restarted.length).toBeGreaterThanOrEqual(2);
  expect(rounds).toBeGreaterThan(10);
  // Each was seen down (the probes caught the restarts), never both at once.
  expect(down.every((count) => count > 0), `down rounds per proxy: ${down.join(', ')}`).toBe(true);
  expect(neither).toBe(0);
  expect(await answers(ports[0]!) && await answers(ports[1]!)).toBe(true);
  return apply.stdout;
}

describe('a change every proxy restarts for', () => {
  it.each([{ round: 1, workers: 2 }, { round: 2, workers: 1 }, { round: 3, workers: 2 }])(
    'round $round (workers: $workers): restarts one proxy at a time, never leaving clients none', async ({ workers }) => {
      const output = await applyProbed({ workers });
      expect(output).toContain('dev.proxy[0]: restarting: workers changed');
      expect(output).toContain('dev.proxy[1]: restarting: workers changed');
    }, 120_000);

  it.each([{ round: 1, engine: 'pgpool2' }, { round: 2, engine: 'builtin' }, { round: 3, engine: 'pgpool2' }, { round: 4, engine: 'builtin' }] as const)(
    'engine round $round (to $engine): replaces one proxy at a time, never leaving clients none', async ({ engine }) => {
      const output = await applyProbed(engine === 'pgpool2' ? { engine } : { workers: 1 });
      const steps = ['dev.proxy[0]: Destroying', 'dev.proxy[0]: Creation complete', 'dev.proxy[1]: Destroying', 'dev.proxy[1]: Creation complete']
        .map((step) => output.indexOf(step));
      expect(steps.every((at, index) => at >= 0 && (index === 0 || at > steps[index - 1]!)), output).toBe(true);
      expect(output).toContain(`${engine} proxy (pid`);
    }, 120_000);
});
