// `pgtopo apply` of a local cluster with `ha: { method: watchdog, vip: { type: ip } }`, end to end: three builtin
// proxies (run as the database user with only CAP_NET_ADMIN) elect a leader, which puts the VIP on `lo` and
// listens on it at the tier's port, so the app reaches PostgreSQL through the VIP; SHOW WATCHDOG through the VIP
// names one leader in charge with a quorum, and `pgtopo render` shows the members as they run; a proxy destroyed
// and applied again keeps its term record; destroy takes the VIP away. Needs root (to grant the capability).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { declarablePortRange } from '../../support/declarable-ports.ts';
import { devTopology, LocalWorkspace, PASSWORDS } from './local-workspace.ts';

/** RFC 2544's benchmarking range: on no real network, and random so that runs do not meet. */
const VIP = `198.18.${randomBytes(1)[0]!}.${1 + (randomBytes(1)[0]! % 250)}`;
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('local watchdog apply skipped: granting CAP_NET_ADMIN to the proxies needs root');

let workspace: LocalWorkspace | undefined;

afterAll(async () => {
  await workspace?.cleanup();
  spawnSync('ip', ['-4', 'addr', 'del', `${VIP}/32`, 'dev', 'lo']);
});

function vipOnLo(): boolean {
  return spawnSync('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo'], { encoding: 'utf8' }).stdout.includes(` ${VIP}/32`);
}

async function throughVip<T extends pg.QueryResultRow>(port: number, user: 'app' | 'admin', sql: string, database: string): Promise<T[]> {
  const password = user === 'app' ? PASSWORDS.PGTOPO_APP_PASSWORD : PASSWORDS.PGTOPO_ADMIN_PASSWORD;
  const client = new pg.Client({ host: VIP, port, user, password, database, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The rows once the VIP answers (and `done` holds of them), within a minute. */
async function eventuallyThroughVip<T extends pg.QueryResultRow>(port: number, user: 'app' | 'admin', sql: string, database: string,
  done: (rows: T[]) => boolean = () => true): Promise<T[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const rows = await throughVip<T>(port, user, sql, database);
      if (done(rows) || Date.now() > deadline) return rows;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`nothing answered on ${VIP}:${port}: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!isRoot)('local provider with a watchdog', () => {
  it('apply brings up one VIP holder that serves the app; destroy takes the VIP away', async () => {
    // The three proxies listen on port, port+1 and port+2: all three free, and where neither an outgoing connection
    // (it took port+1 once, in CI) nor another test's pgtopo drawing a port (once too) lands.
    const port = await declarablePortRange(3);
    workspace = await LocalWorkspace.create(devTopology('wdlocal', 1, [
      'instances: 3', `port: ${port}`, `ha: { method: watchdog, vip: { type: ip, address: ${VIP}, interface: lo } }`,
    ]));
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);

    const [row] = await eventuallyThroughVip<{ one: number }>(port, 'app', 'SELECT 1 AS one', 'postgres');
    expect(row).toEqual({ one: 1 });
    const members = await eventuallyThroughVip<{ node_name: string; hostname: string; wd_port: string; state: string; vip_holder: string; is_local: string; quorum: string }>(
      port, 'admin', 'SHOW WATCHDOG', 'pgtopo');
    expect(members).toHaveLength(3);
    const leaders = members.filter((member) => member.state === 'LEADER');
    expect(leaders).toHaveLength(1);
    expect(leaders[0]).toMatchObject({ is_local: 'true', vip_holder: 'true', quorum: '3/3 alive, 2 needed: QUORUM EXISTS' });
    expect(members.filter((member) => member.vip_holder === 'true')).toHaveLength(1);
    expect(vipOnLo()).toBe(true);

    // render prints what runs: the members as the running tier reports them, the key file, the term directory.
    const rendered = await workspace.run('render', '--cluster', 'dev', '--proxy', '1');
    expect(rendered.code, rendered.stderr).toBe(0);
    const config = YAML.parse(rendered.stdout) as { watchdog: { self: number; members: { name: string; host: string; port: number }[]; authKey: { file: string }; stateDir: string } };
    const running = members.map((member) => ({ name: member.node_name, host: member.hostname, port: Number(member.wd_port) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(config.watchdog.members.map(({ name, host, port }) => ({ name, host, port }))).toEqual(running);
    expect(config.watchdog.self).toBe(1);
    expect(config.watchdog.authKey.file).toMatch(/\/watchdog\/key$/);
    expect(config.watchdog.stateDir).toMatch(/\/watchdog\/member1$/);

    // The leader destroyed and applied again: the others take over, the new member keeps its term and vote (they are
    // not in the proxy's own directory), and its start leaves the new leader's VIP alone (every member is on lo).
    const leader = Number(/^proxy\[(\d)\]$/.exec(leaders[0]!.node_name)![1]);
    const memberDir = config.watchdog.stateDir.replace(/member1$/, `member${leader}`);
    const termFile = join(memberDir, 'watchdog-term.json');
    const term = (JSON.parse(readFileSync(termFile, 'utf8')) as { term: number }).term;
    expect(term).toBeGreaterThanOrEqual(1);
    const removed = await workspace.run('destroy', '--target', `dev.proxy[${leader}]`, '--auto-approve');
    expect(removed.code, removed.stdout + removed.stderr).toBe(0);
    expect((JSON.parse(readFileSync(termFile, 'utf8')) as { term: number }).term).toBeGreaterThanOrEqual(term);
    const successor = await eventuallyThroughVip<{ node_name: string; state: string }>(port, 'admin', 'SHOW WATCHDOG', 'pgtopo',
      (rows) => rows.some((row) => row.state === 'LEADER' && row.node_name !== leaders[0]!.node_name));
    expect(successor.filter((row) => row.state === 'LEADER').map((row) => row.node_name)).not.toContain(leaders[0]!.node_name);
    const again = await workspace.run('apply', '--auto-approve');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    await eventuallyThroughVip(port, 'admin', 'SHOW WATCHDOG', 'pgtopo');
    // Once the re-created member is up (its takeover wait is over), the VIP still answers, and all three are alive.
    const rejoined = await eventuallyThroughVip<{ quorum: string }>(port, 'admin', 'SHOW WATCHDOG', 'pgtopo', (rows) => rows[0]?.quorum.startsWith('3/3 alive') === true);
    expect(rejoined.filter((member) => member.quorum.startsWith('3/3 alive'))).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(vipOnLo()).toBe(true);

    const destroy = await workspace.run('destroy', '--auto-approve');
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(vipOnLo()).toBe(false);
  }, 180_000);
});
