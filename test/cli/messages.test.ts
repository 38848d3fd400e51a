// Messages for common mistakes, as the user sees them through bin/pgtopo: each names the file or value and what
// is wrong, exits 1, and shows no Node.js error code or stack trace.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPgtopo } from '../engine/support/run-pgtopo.ts';
import { crashPatterns, type CliRun } from './run-pgtopo.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-messages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function topology(extra: { state?: string; password?: string; instances?: string } = {}): string {
  return `version: 1
name: shop
${extra.state ?? ''}
users:
  - name: app
    password: ${extra.password ?? '{ fromEnv: APP_DB_PASSWORD }'}
clusters:
  dev:
    environment: local
    postgres: { instances: ${extra.instances ?? '1'} }
    proxy: { instances: 1, port: 6432 }
`;
}

/** Runs pgtopo with the simulated provider in a fresh directory holding `yaml` as pgtopo.yaml. */
async function run(name: string, yaml: string, ...args: string[]): Promise<CliRun> {
  const cwd = join(dir, name);
  mkdirSync(join(cwd, 'statedir'), { recursive: true });
  writeFileSync(join(cwd, 'pgtopo.yaml'), yaml);
  return runIn(cwd, ...args);
}

function runIn(cwd: string, ...args: string[]): Promise<CliRun> {
  return runPgtopo(args, { cwd, world: join(cwd, 'world.json'), env: { APP_DB_PASSWORD: 'secret' } });
}

function expectExplained(result: CliRun, message: string): void {
  expect(result.stderr).toContain(message);
  expect(result.code).toBe(1);
  const explained = result.stderr.replace(/^Error: /, '');
  for (const pattern of [...crashPatterns, /\bE[A-Z]{3,}\b/]) expect(explained).not.toMatch(pattern);
}

describe('messages for common mistakes', () => {
  it('a state path that is a directory names the path and says what it must be', async () => {
    const result = await run('state-dir', topology({ state: 'state: { path: statedir }' }), 'plan');
    expect(result.stderr).not.toContain('EISDIR');
    expectExplained(result, `cannot read the state file ${join(dir, 'state-dir', 'statedir')}: it is a directory, not a file; state.path must name a file`);
  });

  it.each([['plan'], ['apply', '--auto-approve']])('a missing secret file is "no such file", with its path and where the topology names it (%s)', async (...args) => {
    const result = await run(`secret-file-${args[0]}`, topology({ password: '{ fromFile: secrets/missing.txt }' }), ...args);
    expectExplained(result, `pgtopo.yaml:6:27: error: secret file ${join(dir, `secret-file-${args[0]}`, 'secrets/missing.txt')}: no such file`);
  });

  it('YAML .inf is named as written, not as "a number null"', async () => {
    const result = await run('infinity', topology({ instances: '.inf' }), 'validate');
    expect(result.stderr).not.toContain('null');
    expectExplained(result, 'pgtopo.yaml:10:28: error: expected an integer, got the special number .inf');
  });

  it('apply of a topology whose proxies would refuse their config (no users) stops before creating anything', async () => {
    const noUsers = topology().replace(/users:\n.*\n.*\n/, '');
    const result = await run('no-users', noUsers, 'apply', '--auto-approve');
    expectExplained(result, 'pgtopo.yaml:8:12: error: the proxies have no user to accept');
    expect(existsSync(join(dir, 'no-users', '.pgtopo', 'state.json'))).toBe(false);
  });

  it('destroy ends with "Destroy complete!"', async () => {
    const apply = await run('destroy', topology(), 'apply', '--auto-approve');
    expect(apply.stdout).toContain('Apply complete!');
    const destroy = await runIn(join(dir, 'destroy'), 'destroy', '--auto-approve');
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 0 added, 0 changed, 3 destroyed.');
    expect(destroy.stdout).not.toContain('Apply complete');
  });
});
