// `pgtopo proxy` as a real process: config errors are clear and exit non-zero, --check validates, SIGHUP reloads
// the file and SIGTERM stops gracefully with exit code 0.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { allocateFreePort } from '../../providers/local/free-port.ts';

const PGTOPO = join(import.meta.dirname, '../../bin/pgtopo');
const dir = mkdtempSync(join(tmpdir(), 'pgtopo-proxy-cmd-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function config(port: number, users: object[]): string {
  const path = join(dir, 'proxy.yaml');
  writeFileSync(path, JSON.stringify({
    listen: { host: '127.0.0.1', port },
    backends: [{ name: 'nowhere', host: '127.0.0.1', port: 1 }],
    users,
    hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'trust' }],
  }));
  return path;
}

async function adminQuery(port: number, user: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database: 'pgtopo' });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('pgtopo proxy', () => {
  it('reports a bad config clearly, without a stack trace, and exits non-zero', () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, 'listen: { port: 6432 }\nbackends: []\nusers: [{ name: app }]\n');
    const result = spawnSync(process.execPath, [PGTOPO, 'proxy', '--config', path], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('backends');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--check validates and exits 0', () => {
    const result = spawnSync(process.execPath, [PGTOPO, 'proxy', '--config', config(6432, [{ name: 'a' }]), '--check'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ok');
  });

  it('reloads on SIGHUP and stops on SIGTERM with exit code 0', async () => {
    const port = await allocateFreePort();
    const path = config(port, [{ name: 'admin1', admin: true }]);
    const child = spawn(process.execPath, [PGTOPO, 'proxy', '--config', path], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!stderr.includes('proxy listening') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await adminQuery(port, 'admin1', 'SHOW POOL_NODES')).rows[0].hostname).toBe('127.0.0.1');
    config(port, [{ name: 'admin1', admin: true }, { name: 'admin2', admin: true }]);
    child.kill('SIGHUP');
    while (!stderr.includes('configuration reloaded') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await adminQuery(port, 'admin2', 'SHOW CONFIG')).rows.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('proxy stopped');
  });
});
