// A standby that replayed WAL past the point where the current primary's timeline forked off its own (it kept
// streaming from an old primary a moment too long, or someone promoted by hand a standby that had less) can never
// follow that primary: it waits forever ("new timeline forked off ... before current recovery point"), or
// PostgreSQL stops it at startup. Re-pointing cannot help; only pg_rewind (or a fresh clone) can.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lsnToBytes } from '../../proxy/health/lsn.ts';
import type { ClusterMember, ClusterScan } from './cluster-members.ts';
import { queryInstance } from './instance-sql.ts';
import { PgCommandError } from './pg-command.ts';

const DIVERGED_AT_START = [
  /requested timeline \d+ does not contain minimum recovery point/,
  /new timeline \d+ forked off current database system timeline \d+ before current recovery point/,
];

/** The start failed because the instance's WAL runs past the fork point of the timeline it must follow. */
export function divergedAtStart(error: unknown): boolean {
  return error instanceof PgCommandError && DIVERGED_AT_START.some((pattern) => pattern.test(error.message));
}

/** The names of the running standbys on an older timeline than the primary's that replayed past its fork point. */
export async function divergedStandbys(scan: ClusterScan): Promise<Set<string>> {
  const { primary } = scan;
  const behind = scan.members.filter((member) => primary && member !== primary && member.standby && member.running && member.timeline < primary.timeline);
  const verdicts = await Promise.all(behind.map(async (member) => {
    const fork = forkPoint(primary!, member.timeline);
    const replayed = await replayPosition(member);
    return fork !== undefined && replayed !== undefined && replayed > fork ? [member.record.name] : [];
  }));
  return new Set(verdicts.flat());
}

/** Where the primary's history says it left `timeline` (`<tli>\t<switchpoint>\t<reason>` lines). */
function forkPoint(primary: ClusterMember, timeline: number): bigint | undefined {
  const file = join(primary.instance.dataDir, 'pg_wal', `${primary.timeline.toString(16).toUpperCase().padStart(8, '0')}.history`);
  try {
    const line = readFileSync(file, 'utf8').split('\n').map((text) => text.trim().split(/\s+/)).find((fields) => Number(fields[0]) === timeline);
    return line?.[1] ? lsnToBytes(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function replayPosition(member: ClusterMember): Promise<bigint | undefined> {
  const rows = await queryInstance<{ replayed: string | null }>(member.instance, 'SELECT pg_last_wal_replay_lsn()::text AS replayed').catch(() => []);
  return rows[0]?.replayed ? lsnToBytes(rows[0].replayed) : undefined;
}
