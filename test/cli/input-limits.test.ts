// How much of a file pgtopo reads, and how long it takes to reject one: a topology is read once (pipes work), up to a
// size limit, and a file with thousands of errors is answered with the first ones and a count of the rest.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAVED_PLAN_LIMIT } from '../../engine/plan/saved-plan.ts';
import { MAX_SHOWN_DIAGNOSTICS } from '../../engine/topology/diagnostic.ts';
import { TOPOLOGY_LIMIT } from '../../engine/topology/load-topology.ts';
import { startPgtopo as startSimulated, type SimulatedRunOptions } from '../engine/support/run-pgtopo.ts';
import { crashPatterns, runPgtopo, type CliRun } from './run-pgtopo.ts';

const TOPOLOGY = `version: 1
name: shop
users:
  - name: app
    password: { fromEnv: APP_DB_PASSWORD }
clusters:
  dev:
    environment: local
    postgres: { instances: 1 }
    proxy: { instances: 1, port: 6432 }
`;

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectRefusal(result: CliRun, message: string | RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  // `Error: ` is how the CLI starts any failure of plan and apply; a JS error class would carry its name.
  const explained = result.stderr.replace(/^Error: /, '');
  for (const pattern of crashPatterns) expect(explained).not.toMatch(pattern);
}

/**
 * Runs pgtopo on a pipe, killing it if it is still running after 30 s: a pgtopo that opens the pipe a second time
 * waits for a writer forever, and must fail the test rather than outlive it.
 */
async function runOnPipe(args: string[], options: SimulatedRunOptions): Promise<CliRun> {
  const run = startSimulated(args, options);
  const stuck = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
  try {
    return await run.done;
  } finally {
    clearTimeout(stuck);
  }
}

/** A FIFO fed `text` once, as `<(cat file)` would be: whoever reads it a second time finds it empty. */
function pipeOf(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  createWriteStream(path).end(text);
  return path;
}

describe('a file with many errors', () => {
  it(`shows the first ${MAX_SHOWN_DIAGNOSTICS} of 20,000 unknown keys and says how many more there are`, async () => {
    const file = join(dir, 'many-unknown-keys.yaml');
    writeFileSync(file, TOPOLOGY + Array.from({ length: 20_000 }, (_, i) => `unknown${i}: 1\n`).join(''));
    const result = await runPgtopo(['validate', file]);
    expectRefusal(result, /20000 errors/);
    const shown = result.stderr.split('\n').filter((line) => line.includes(': error: unknown key `unknown'));
    expect(shown).toHaveLength(MAX_SHOWN_DIAGNOSTICS);
    expect(result.stderr).toContain(`... and ${20_000 - MAX_SHOWN_DIAGNOSTICS} more not shown`);
    const json = JSON.parse((await runPgtopo(['validate', '--json', file])).stdout) as { diagnostics: unknown[]; omitted: number };
    expect(json.diagnostics).toHaveLength(MAX_SHOWN_DIAGNOSTICS);
    expect(json.omitted).toBe(20_000 - MAX_SHOWN_DIAGNOSTICS);
  }, 60_000);

  it('still reports a key repeated in one mapping at the repeat', async () => {
    const file = join(dir, 'repeated-key.yaml');
    writeFileSync(file, `${TOPOLOGY}name: again\n`);
    expectRefusal(await runPgtopo(['validate', file]), /repeated-key\.yaml:11:1: error: YAML: Map keys must be unique/);
  });
});

describe('the size limit', () => {
  it('refuses a topology one byte over the limit, naming the limit', async () => {
    const file = join(dir, 'too-large.yaml');
    writeFileSync(file, `${TOPOLOGY}#${'x'.repeat(TOPOLOGY_LIMIT.bytes - TOPOLOGY.length)}`);
    expectRefusal(await runPgtopo(['validate', file]), /too-large\.yaml:1:1: error: too large: more than 2 MiB, the most a topology file may have/);
  });

  it('validate, plan and apply of /dev/zero stop at the limit instead of reading forever', async () => {
    for (const command of ['validate', 'plan', 'apply']) {
      expectRefusal(await runPgtopo([command, '/dev/zero', '--auto-approve'].slice(0, command === 'apply' ? 3 : 2)), /\/dev\/zero:1:1: error: too large: more than 2 MiB/);
    }
  });
});

describe('saved plans', () => {
  it('a file that starts like a saved plan (gzip) may have 64 MiB, not more', async () => {
    const file = join(dir, 'huge-plan.bin');
    const bytes = Buffer.alloc(SAVED_PLAN_LIMIT.bytes + 1);
    bytes.set([0x1f, 0x8b]);
    writeFileSync(file, bytes);
    expectRefusal(await runPgtopo(['apply', file, '--auto-approve']), /huge-plan\.bin:1:1: error: too large: more than 64 MiB, the most a saved plan may have/);
  });

  it('apply reads a saved plan from a pipe once and applies it', async () => {
    const cwd = join(dir, 'saved-plan-pipe');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'pgtopo.yaml'), TOPOLOGY);
    const options = { cwd, world: join(cwd, 'world.json'), env: { APP_DB_PASSWORD: 'secret' } };
    expect((await runOnPipe(['plan', '--out', 'plan.bin'], options)).code).toBe(0);
    const result = await runOnPipe(['apply', pipeOf('plan.pipe', readFileSync(join(cwd, 'plan.bin')))], options);
    expect(result.stdout).toContain('Apply complete!');
    expect(result.code).toBe(0);
  });
});

describe('a topology from a pipe', () => {
  it('apply reads it once and applies it, keeping .pgtopo/ in the working directory', async () => {
    const world = join(dir, 'world.json');
    const result = await runOnPipe(['apply', pipeOf('topology.pipe', TOPOLOGY), '--auto-approve'], { cwd: dir, world, env: { APP_DB_PASSWORD: 'secret' } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Apply complete!');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, '.pgtopo', 'state.json'))).toBe(true);
  });
});
