import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually } from '../../support/pg-cluster.ts';
import { declarablePortRange } from '../../support/declarable-ports.ts';
import { findPgBinaries } from '../../../providers/local/pg-binaries.ts';
import { resolveDbOsUser } from '../../../providers/local/os-user.ts';
import { PgInstance, pgInstancePaths } from '../../../providers/local/pg-instance.ts';
import { isProcessAlive } from '../../../providers/local/postmaster-process.ts';
import pg from 'pg';
import { LocalWorkspace, PASSWORDS, devTopology, portOf, queryAs, type StatusRow } from './local-workspace.ts';

// The local provider end to end through the real CLI: a replicated cluster with two builtin proxies, drift
// repaired by apply and by the watch loop, a failover converged, scaling, and a destroy that leaves nothing.

const topology = (instances: number, proxySettings = ''): string => devTopology('lt', instances, [
  'instances: 2',
  'pooling: { mode: transaction, poolSize: 5 }',
  `healthCheck: { period: 1s, timeout: 1s, retries: 1 }${proxySettings}`,
]);

let workspace: LocalWorkspace;
let firstApply: { code: number | null; stdout: string; stderr: string };
let outputBeforeApply: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  workspace = await LocalWorkspace.create(topology(3));
  outputBeforeApply = await workspace.run('output', '--name', 'dev.proxy[0]');
  firstApply = await workspace.run('apply', '--auto-approve');
}, 180_000);

afterAll(async () => {
  await workspace?.cleanup();
}, 120_000);

function postgresRows(status: Map<string, StatusRow>): StatusRow[] {
  return [...status.values()].filter((row) => row.address.startsWith('dev.postgres['));
}

function instanceOf(row: StatusRow, index: number): PgInstance {
  const dir = `${workspace.clusterDir('dev', 'lt')}/pg${index}`;
  return new PgInstance({ name: `pg${index}`, port: portOf(row), binaries: findPgBinaries(), user: resolveDbOsUser(), ...pgInstancePaths(dir) });
}

async function proxyPid(index: number): Promise<number> {
  const { readFileSync } = await import('node:fs');
  return Number(readFileSync(`${workspace.clusterDir('dev', 'lt')}/proxy${index}/proxy.pid`, 'utf8').trim());
}

async function converged(): Promise<Map<string, StatusRow>> {
  const status = await workspace.status();
  const unhealthy = [...status.values()].filter((row) => !row.healthy || !row.exists).map((row) => `${row.address} ${JSON.stringify(row.details)}`);
  if (unhealthy.length > 0) throw new Error(`not healthy: ${unhealthy.join('; ')}`);
  return status;
}

describe('local provider', () => {
  it('applies a primary, two streaming standbys and two proxies, and prints how to connect', async () => {
    expect(firstApply.code, firstApply.stdout + firstApply.stderr).toBe(0);
    // The connection strings come last, after the summary.
    expect(firstApply.stdout).toMatch(/Apply complete![^\n]*\n\nOutputs:\n  dev\.proxy\[0\]: postgresql:\/\/app@127\.0\.0\.1:\d+\/postgres\n  dev\.proxy\[1\]: postgresql:\/\/app@127\.0\.0\.1:\d+\/postgres\n$/);
    if (process.getuid?.() === 0) expect(firstApply.stdout).toContain('database processes run as the OS user');
    const status = await converged();
    const roles = postgresRows(status).map((row) => row.details.role);
    expect(roles).toEqual(['primary', 'standby', 'standby']);
    expect(postgresRows(status).slice(1).map((row) => row.details.lag)).toEqual(['0 bytes', '0 bytes'].map(() => expect.stringMatching(/bytes$/)));
    expect(status.get('dev.postgres[0]')!.details.binaries).toMatch(/PostgreSQL \d+ from \//);
  });

  it('pgtopo output prints the same addresses from the state, one by name for scripts, and nothing before an apply', async () => {
    expect(outputBeforeApply.code).toBe(1);
    expect(outputBeforeApply.stderr).toContain('no output named dev.proxy[0]; there are none: nothing is applied yet');
    const printed = firstApply.stdout.slice(firstApply.stdout.indexOf('Outputs:\n') + 'Outputs:\n'.length).split('\n').filter(Boolean).map((line) => line.trim());
    const all = await workspace.run('output');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.trim().split('\n')).toEqual(printed);
    const json = JSON.parse((await workspace.run('output', '--json')).stdout) as Record<string, { value: string }>;
    expect(Object.keys(json)).toEqual(['dev.proxy[0]', 'dev.proxy[1]']);
    const one = await workspace.run('output', '--name', 'dev.proxy[1]');
    expect(one.stdout).toBe(`${json['dev.proxy[1]']!.value}\n`);
    const url = new URL(one.stdout.trim());
    const client = new pg.Client({ host: url.hostname, port: Number(url.port), user: url.username, database: url.pathname.slice(1), password: PASSWORDS.PGTOPO_APP_PASSWORD });
    await client.connect();
    try {
      expect((await client.query<{ user: string }>('SELECT current_user AS user')).rows[0]!.user).toBe('app');
    } finally {
      await client.end();
    }
  });

  it('routes a write through the printed proxy address to the primary and a read to a standby', async () => {
    const status = await converged();
    const proxyPort = Number(/dev\.proxy\[0\]: postgresql:\/\/app@127\.0\.0\.1:(\d+)\//.exec(firstApply.stdout)![1]);
    const primaryPort = portOf(status.get('dev.postgres[0]'));
    const standbyPorts = [portOf(status.get('dev.postgres[1]')), portOf(status.get('dev.postgres[2]'))];
    await queryAs(proxyPort, 'app', 'CREATE TABLE IF NOT EXISTS marks (note text)');
    const [written] = await queryAs<{ port: number }>(proxyPort, 'app', "INSERT INTO marks VALUES ('w') RETURNING inet_server_port() AS port");
    expect(written!.port).toBe(primaryPort);
    const readPorts = new Set<number>();
    // Until the standbys have replayed the write (the lag check sends reads to the primary meanwhile), for up to 15 s.
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && ![...readPorts].some((port) => standbyPorts.includes(port));) {
      // A plain relation read (function calls the router does not know are routed as writes).
      const [row] = await queryAs<{ port: string }>(proxyPort, 'app', "SELECT setting AS port FROM pg_settings WHERE name = 'port'");
      readPorts.add(Number(row!.port));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([...readPorts].some((port) => standbyPorts.includes(port)), `reads landed on ${[...readPorts].join(', ')}`).toBe(true);
  });

  it('runs the proxies as the unprivileged database user, which alone can read their config', async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const dbUser = resolveDbOsUser();
    for (const index of [0, 1]) {
      const uids = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/m.exec(readFileSync(`/proc/${await proxyPid(index)}/status`, 'utf8'))!.slice(1).map(Number);
      // Real, effective, saved and filesystem uid: none may be root.
      expect(uids).toEqual([dbUser.uid, dbUser.uid, dbUser.uid, dbUser.uid]);
      if (process.getuid?.() === 0) expect(uids).not.toContain(0);
      const dir = `${workspace.clusterDir('dev', 'lt')}/proxy${index}`;
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(dir).uid).toBe(dbUser.uid);
      for (const file of ['proxy.yaml', 'proxy.log']) {
        const info = statSync(`${dir}/${file}`);
        expect([file, info.uid, info.mode & 0o777]).toEqual([file, dbUser.uid, 0o600]);
      }
    }
  });

  it('reports no changes on a second apply', async () => {
    const second = await workspace.run('apply', '--auto-approve');
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('No changes');
  });

  it('shows a killed proxy and a killed standby as drift, and apply restarts them', async () => {
    const status = await converged();
    process.kill(await proxyPid(0), 'SIGKILL');
    expect(await instanceOf(status.get('dev.postgres[2]')!, 2).kill9()).toBe(true);
    // Status names the log of what is down (a path from the working directory, the repository here).
    const down = await workspace.status();
    for (const [address, log] of [['dev.proxy[0]', 'proxy.log'], ['dev.postgres[2]', 'postgresql.log']] as const) {
      const row = down.get(address)!;
      expect(row.healthy).toBe(false);
      expect(row.details.log, JSON.stringify(row.details)).toMatch(new RegExp(`${log}$`));
      expect(readFileSync(resolve(row.details.log!), 'utf8').length).toBeGreaterThan(0);
    }
    expect(down.get('dev.proxy[1]')!.details.log).toBeUndefined();
    const plan = await workspace.run('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/dev\.postgres\[2\]\s+~ state = "running" → "stopped"/);
    expect(plan.stdout).toMatch(/dev\.proxy\[0\]\s+~ state = "running" → "stopped"/);
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    await converged();
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('reconcile --watch restarts a killed proxy by itself', async () => {
    const before = await proxyPid(1);
    const watcher = workspace.watch();
    try {
      process.kill(before, 'SIGKILL');
      await eventually('the watch loop to restart dev.proxy[1]', async () => {
        const pid = await proxyPid(1);
        return pid !== before && isProcessAlive(pid) && (await workspace.status()).get('dev.proxy[1]')!.healthy;
      }, Boolean, 60_000);
    } finally {
      await workspace.stopWatch(watcher);
    }
  });

  it('after a failover the watch loop rebuilds the old primary as a standby of the new one and converges', async () => {
    const status = await converged();
    const oldPrimary = instanceOf(status.get('dev.postgres[0]')!, 0);
    const promoted = instanceOf(status.get('dev.postgres[1]')!, 1);
    await promoted.promote();
    await oldPrimary.kill9();
    const watcher = workspace.watch();
    try {
      const after = await eventually('the cluster to converge on the new primary', async () => {
        const now = await converged();
        return postgresRows(now).map((row) => row.details.role).join(',') === 'standby,primary,standby' ? now : null;
      }, (value) => value !== null, 90_000);
      expect(postgresRows(after!).map((row) => row.details.membership)).toEqual(['in-sync', 'in-sync', 'in-sync']);
      // Membership is what each standby is configured to follow; its walreceiver connects moments later (here the
      // proxies re-point pg2 as well, and each reload restarts it).
      await eventually('both standbys to stream from the new primary', async () => {
        const rows = await queryAs<{ application_name: string }>(promoted.port, 'admin',
          "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming' ORDER BY 1");
        return rows.map((row) => row.application_name).join(',');
      }, (streaming) => streaming === 'pg0,pg2', 30_000);
    } finally {
      await workspace.stopWatch(watcher);
    }
    const proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
    const [written] = await queryAs<{ port: number }>(proxyPort, 'app', "INSERT INTO marks VALUES ('after failover') RETURNING inet_server_port() AS port");
    expect(written!.port).toBe(promoted.port);
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
   }, 150_000);

  it('when the primary dies, the proxies promote a standby by themselves and the watch loop rebuilds the old primary', async () => {
    const rows = postgresRows(await converged());
    const oldIndex = rows.findIndex((row) => row.details.role === 'primary');
    await instanceOf(rows[oldIndex]!, oldIndex).kill9();
    // The proxies fail over first. A watch loop already running could restart the killed primary before their
    // health check notices, which is a valid outcome but not the one this test is about.
    const standbys = rows.filter((_, i) => i !== oldIndex);
    await eventually('a proxy to promote a standby', async () => {
      const recovery = await Promise.all(standbys.map((row) => queryAs<{ r: boolean }>(portOf(row), 'admin', 'SELECT pg_is_in_recovery() AS r')));
      return recovery.map(([row]) => row!.r);
    }, (inRecovery) => inRecovery.filter((r) => !r).length === 1, 60_000);
    // The rejoin will make the old primary a standby, so the proxies' plan cannot say what the refresh saw of it.
    const plan = await workspace.run('plan');
    expect(plan.stdout).toMatch(/role = "primary" → \(known after apply\)/);
    expect(plan.stdout).not.toMatch(/role = "primary" → "false-primary"/);
    const watcher = workspace.watch();
    try {
      const { rows: after } = await eventually('a promoted standby and the old primary rebuilt as its standby', async () => {
        const now = postgresRows(await converged());
        const roles = now.map((row) => row.details.role);
        const settled = roles.filter((role) => role === 'primary').length === 1 && roles[oldIndex] === 'standby'
          && now.every((row) => row.details.membership === 'in-sync');
        // The summary is what a timeout reports as the last state seen.
        return { settled, rows: now, summary: now.map((row) => `${row.address} ${row.details.role}/${row.details.membership}`) };
      }, (value) => value.settled, 100_000);
      const promotedPort = portOf(after.find((row) => row.details.role === 'primary'));
      expect(standbys.map(portOf)).toContain(promotedPort);
      const proxyPort = portOf((await workspace.status()).get('dev.proxy[0]'));
      const [written] = await queryAs<{ port: number }>(proxyPort, 'app', "INSERT INTO marks VALUES ('after automatic failover') RETURNING inet_server_port() AS port");
      expect(written!.port).toBe(promotedPort);
    } finally {
      await workspace.stopWatch(watcher);
    }
    expect((await workspace.run('plan', '--detailed-exitcode')).code).toBe(0);
  }, 150_000);

  it('scales 3 → 4 → 2 instances, re-rendering the proxies\' backends', async () => {
    await workspace.writeTopology(topology(4));
    const up = await workspace.run('apply', '--auto-approve');
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const four = await converged();
    expect(postgresRows(four)).toHaveLength(4);
    expect(four.get('dev.postgres[3]')!.details).toMatchObject({ role: 'standby', membership: 'in-sync', lag: expect.stringMatching(/bytes$/) });
    const admin = await queryAs<{ node_id: string }>(portOf(four.get('dev.proxy[0]')), 'admin', 'SHOW POOL_NODES', 'pgtopo');
    expect(admin).toHaveLength(4);

    await workspace.writeTopology(topology(2));
    const down = await workspace.run('apply', '--auto-approve');
    expect(down.code, down.stdout + down.stderr).toBe(0);
    const two = await converged();
    expect(postgresRows(two).map((row) => row.address)).toEqual(['dev.postgres[0]', 'dev.postgres[1]']);
    const nodes = await queryAs<{ node_id: string }>(portOf(two.get('dev.proxy[0]')), 'admin', 'SHOW POOL_NODES', 'pgtopo');
    expect(nodes).toHaveLength(2);
  });

  it('applies a changed proxy setting (log level) by reload and a changed port by restart, and the plan says which', async () => {
    const before = await proxyPid(0);
    await workspace.writeTopology(topology(2, '\n      logLevel: debug'));
    const reloadPlan = await workspace.run('plan');
    expect(reloadPlan.stdout).toMatch(/~ log_level\s+= "info" → "debug"/);
    expect(reloadPlan.stdout).toContain('# dev.proxy[0] will be updated in place\n');
    const reload = await workspace.run('apply', '--auto-approve');
    expect(reload.code, reload.stdout + reload.stderr).toBe(0);
    expect(reload.stdout).toContain('dev.proxy[0]: configuration reloaded (SIGHUP)');
    expect(await proxyPid(0)).toBe(before);

    // Two proxies listen on port and port+1: both must be free.
    const port = await declarablePortRange(2);
    await workspace.writeTopology(topology(2, `\n      logLevel: debug\n      port: ${port}`));
    const restartPlan = await workspace.run('plan');
    expect(restartPlan.stdout).toMatch(/~ declared_port\s+= null → \d+/);
    expect(restartPlan.stdout).toContain('# dev.proxy[0] will be updated in place (restarts for declared_port)');
    const restart = await workspace.run('apply', '--auto-approve');
    expect(restart.code, restart.stdout + restart.stderr).toBe(0);
    expect(restart.stdout).toContain('dev.proxy[0]: restarting: declared_port changed');
    expect(await proxyPid(0)).not.toBe(before);
    expect(portOf((await converged()).get('dev.proxy[0]'))).toBe(port);
  });

  it('rotates a password: the role changes and the proxies restart to log in with the new one', async () => {
    const rotated = { PGTOPO_APP_PASSWORD: 'app-secret-2' };
    const plan = await workspace.runWith(rotated, 'plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/# dev\.user\[app\] will be updated in place/);
    expect(plan.stdout + plan.stderr).not.toContain('app-secret-2');
    const apply = await workspace.runWith(rotated, 'apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('restarting dev.proxy[0] for the new password');
    const status = await converged();
    const [row] = await queryAs<{ ok: number }>(portOf(status.get('dev.proxy[0]')), 'app', 'SELECT 1 AS ok', 'postgres', 'app-secret-2');
    expect(row!.ok).toBe(1);
    await expect(queryAs(portOf(status.get('dev.proxy[0]')), 'app', 'SELECT 1')).rejects.toThrow(/password/);
  });

  it('destroy stops every process and removes the data', async () => {
    const pids = workspace.recordedPids();
    expect(pids.length).toBeGreaterThan(0);
    const destroy = await workspace.run('destroy', '--auto-approve');
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(pids.filter(isProcessAlive)).toEqual([]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${workspace.dir}/.pgtopo/lt`)).toBe(false);
  });
});
