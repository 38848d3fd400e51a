import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPgpoolFailoverScript } from '../../../proxy/pgpool2/render-failover-script.ts';

const run = promisify(execFile);
let dir: string;
let script: string;

// A stand-in psql: answers the LSN query with a per-port number and records promotions, so the script's
// choice can be observed without a cluster.
const FAKE_PSQL = `#!/bin/bash
port=""; sql=""
while [ $# -gt 0 ]; do case "$1" in -p) port="$2"; shift;; -c) sql="$2"; shift;; esac; shift; done
case "$sql" in
  *pg_promote*) echo "$port" >> "$(dirname "$0")/promoted"; echo "$PGCONNECT_TIMEOUT \${PGPASSFILE:-none}" > "$(dirname "$0")/promote-env"; echo t;;
  *pg_is_in_recovery*) [ "$port" = "$(cat "$(dirname "$0")/out-of-recovery" 2>/dev/null)" ] && echo f || echo t;;
  *) case "$port" in 5502) echo 1000;; 5503) echo 5000;; 5504) echo 9000;; 5505) echo 5000;; *) exit 2;; esac;;
esac
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgtopo-failover-script-'));
  await writeFile(join(dir, 'psql'), FAKE_PSQL);
  await chmod(join(dir, 'psql'), 0o755);
  script = join(dir, 'failover.sh');
  const nodes = [5501, 5502, 5503].map((port, id) => ({ id, host: dir, port }));
  await writeFile(script, renderPgpoolFailoverScript({ psql: join(dir, 'psql'), user: 'postgres', nodes }));
  await chmod(script, 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderPgpoolFailoverScript', () => {
  it('promotes the standby that replayed the most WAL when the primary failed', async () => {
    await run(script, ['0', '0']);
    expect((await readFile(join(dir, 'promoted'), 'utf8')).trim()).toBe('5503');
  });

  it('bounds every connection attempt, and hands psql the passfile it is given', async () => {
    await run(script, ['0', '0']);
    expect((await readFile(join(dir, 'promote-env'), 'utf8')).trim()).toBe('5 none');
    const withPassfile = join(dir, 'failover-passfile.sh');
    const nodes = [5501, 5502, 5503].map((port, id) => ({ id, host: dir, port }));
    await writeFile(withPassfile, renderPgpoolFailoverScript({ psql: join(dir, 'psql'), user: 'monitor', passFile: '/etc/pgtopo/it\'s.pgpass', nodes }));
    await chmod(withPassfile, 0o755);
    await run(withPassfile, ['0', '0']);
    expect((await readFile(join(dir, 'promote-env'), 'utf8')).trim()).toBe("5 /etc/pgtopo/it's.pgpass");
  });

  it('breaks a tie in WAL position by failover.priority, then by the lower node id', async () => {
    const nodes = (priorities: number[]) => [5501, 5503, 5505].map((port, id) => ({ id, host: dir, port, priority: priorities[id] }));
    for (const [priorities, promoted] of [[[0, 0, 0], '5503'], [[0, 1, 5], '5505'], [[0, 5, 1], '5503']] as const) {
      await rm(join(dir, 'promoted'), { force: true });
      await writeFile(script, renderPgpoolFailoverScript({ psql: join(dir, 'psql'), user: 'postgres', nodes: [...nodes([...priorities])] }));
      await run(script, ['0', '0']);
      expect((await readFile(join(dir, 'promoted'), 'utf8')).trim()).toBe(promoted);
    }
  });

  it('does nothing when a standby failed', async () => {
    await rm(join(dir, 'promoted'), { force: true });
    await run(script, ['1', '0']);
    await expect(readFile(join(dir, 'promoted'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('promotes nothing when a node is out of recovery already, and holds the lock file while it decides', async () => {
    await rm(join(dir, 'promoted'), { force: true });
    await writeFile(join(dir, 'out-of-recovery'), '5502');
    const lockFile = join(dir, 'primary.lock');
    const nodes = [5501, 5502, 5503].map((port, id) => ({ id, host: dir, port }));
    await writeFile(script, renderPgpoolFailoverScript({ psql: join(dir, 'psql'), user: 'postgres', nodes, lockFile }));
    const { stderr } = await run(script, ['0', '0']);
    expect(stderr).toContain('node 1 is out of recovery already');
    await expect(readFile(join(dir, 'promoted'), 'utf8')).rejects.toThrow(/ENOENT/);
    // While someone else holds the lock, the script waits instead of deciding.
    await rm(join(dir, 'out-of-recovery'));
    const holder = execFile('flock', ['-x', lockFile, 'sh', '-c', `echo held > ${dir}/holder; sleep 0.5; echo released > ${dir}/holder`]);
    const released = new Promise((resolve) => holder.once('exit', resolve));
    while ((await readFile(join(dir, 'holder'), 'utf8').catch(() => '')) === '') await new Promise((resolve) => setTimeout(resolve, 20));
    await run(script, ['0', '0']);
    expect(await readFile(join(dir, 'holder'), 'utf8')).toBe('released\n'); // it promoted only once the lock was free
    expect((await readFile(join(dir, 'promoted'), 'utf8')).trim()).toBe('5503');
    await released;
  });

  it('skips the failed node and unreachable standbys and fails when none is left', async () => {
    const nodes = [{ id: 0, host: dir, port: 5501 }, { id: 1, host: dir, port: 5599 }];
    await writeFile(script, renderPgpoolFailoverScript({ psql: join(dir, 'psql'), user: 'postgres', nodes }));
    await expect(run(script, ['0', '0'])).rejects.toMatchObject({ stderr: expect.stringContaining('no standby reachable') });
  });

  it('with sync replication promotes only a sync standby, and nothing unless all but n - 1 of them answer', async () => {
    const nodes = [5501, 5502, 5503, 5504, 5599].map((port, id) => ({ id, host: dir, port }));
    const render = (candidateIds: number[]) => writeFile(script, renderPgpoolFailoverScript({
      psql: join(dir, 'psql'), user: 'postgres', nodes, sync: { syncStandbys: 1, candidateIds },
    }));
    await rm(join(dir, 'promoted'), { force: true });
    await render([0, 1, 2]); // 5504 flushed more but is no sync standby
    await run(script, ['0', '0']);
    expect((await readFile(join(dir, 'promoted'), 'utf8')).trim()).toBe('5503');
    await render([0, 1, 2, 4]); // 5599 does not answer: the commits may be there alone
    await expect(run(script, ['0', '0'])).rejects.toMatchObject({ stderr: expect.stringContaining('not promoting: 2 of 3 sync standbys answered, 3 must') });
    expect((await readFile(join(dir, 'promoted'), 'utf8')).trim()).toBe('5503');
  });
});
