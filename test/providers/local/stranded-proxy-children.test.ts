// A proxy whose main process died without its children (Pgpool-II 4.3's main segfaults at start in one failover
// state; its children keep the listening socket and serve a view nobody updates): stopping the proxy, or starting
// it again, kills what is left of its process group in its directory, and nothing else.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, waitForExit } from '../../../providers/local/postmaster-process.ts';
import { pidFile, stopProxyProcess } from '../../../providers/local/proxy-process.ts';
import { eventually } from '../../support/pg-cluster.ts';

const started: number[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await waitForExit(started, 2_000);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A group leader in `dir` with one child in `dir` and one elsewhere; their pids, leader first. */
async function processGroupIn(dir: string): Promise<{ leader: number; inside: number; elsewhere: number }> {
  const pids = join(dir, 'children');
  const script = `sleep 300 & echo $! > '${pids}'; (cd / && exec sleep 300) & echo $! >> '${pids}'; exec sleep 300`;
  const leader = spawn('sh', ['-c', script], { cwd: dir, detached: true, stdio: 'ignore' });
  leader.unref();
  started.push(leader.pid!);
  const written = async (): Promise<number[]> => {
    try {
      return readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    } catch {
      return [];
    }
  };
  const [inside, elsewhere] = await eventually('both children', written, (found) => found.length === 2);
  started.push(inside!, elsewhere!);
  return { leader: leader.pid!, inside: inside!, elsewhere: elsewhere! };
}

describe('a proxy whose main process died alone', () => {
  it('stop kills the children it left in its directory, and only those', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pgtopo-stranded-')));
    dirs.push(dir);
    const { leader, inside, elsewhere } = await processGroupIn(dir);
    writeFileSync(pidFile(dir), `${leader}\n`);
    process.kill(leader, 'SIGKILL');
    await waitForExit([leader], 2_000);
    expect(isProcessAlive(inside)).toBe(true);

    await stopProxyProcess(dir, join(dir, 'pgpool.conf'));
    expect(isProcessAlive(inside)).toBe(false);
    expect(isProcessAlive(elsewhere)).toBe(true);
  });
});
