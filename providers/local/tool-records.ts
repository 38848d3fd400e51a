// A PostgreSQL tool (initdb, pg_basebackup, pg_rewind, ...) of an apply killed -9 keeps running and writing into the
// instance's directory: the next apply would delete the directory under it (ENOTEMPTY) or start a server on half-
// written files. So every tool run leaves a record in the instance's run/ directory while it runs — its pid and the
// kernel's start time of that pid, so a recycled pid is never taken for it — and a later apply stops each recorded
// tool still running, with its process group (pg_basebackup forks a WAL streamer, initdb a backend), before it
// touches the directory.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveChildrenOf, processStartTime, waitForExit } from './postmaster-process.ts';

const SUFFIX = '.tool-pid';

interface ToolRecord {
  tool: string;
  pid: number;
  startTime: string;
}

/** Records the running tool `pid` in `dir`; returns a function that removes the record once it exited. */
export function recordTool(dir: string, tool: string, pid: number): () => void {
  const startTime = processStartTime(pid);
  if (startTime === undefined) return () => {}; // already gone: nothing can outlive us
  const path = join(dir, `${tool}.${pid}${SUFFIX}`);
  try {
    writeFileSync(path, JSON.stringify({ tool, pid, startTime } satisfies ToolRecord), { mode: 0o600 });
  } catch {
    return () => {}; // the directory is being removed: so is whatever the tool wrote
  }
  return () => rmSync(path, { force: true });
}

/** SIGKILLs every tool recorded in `dir` that still runs (the same process: same pid and start time); returns them. */
export async function stopRecordedTools(dir: string): Promise<string[]> {
  const stopped: string[] = [];
  for (const name of recordNames(dir)) {
    const path = join(dir, name);
    const record = readRecord(path);
    if (record && processStartTime(record.pid) === record.startTime) {
      const members = [record.pid, ...liveChildrenOf(record.pid)];
      killGroup(record.pid);
      await waitForExit(members, 10_000);
      stopped.push(`${record.tool} (pid ${record.pid})`);
    }
    rmSync(path, { force: true });
  }
  return stopped;
}

function recordNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(SUFFIX));
  } catch {
    return [];
  }
}

function readRecord(path: string): ToolRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ToolRecord;
  } catch {
    return undefined;
  }
}

function killGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // no such group (started before records had their own group) or already gone
    }
  }
}
