// Which standby to promote. Asynchronous replication: the most WAL on disk first (promotion replays all it
// received, and only a new primary whose WAL is a superset of every other standby's lets them all follow it: a
// standby that received more than the promoted one has diverged from its timeline and never streams again), then
// the most replayed (a shorter promotion), then the configured priority (higher first), then the lowest node id.
// A node with no WAL receiver, such as a primary restarted fenced, has just what it replayed. Synchronous
// replication: see chooseSyncStandbyToPromote.
import { lsnToBytes } from '../health/lsn.ts';
import type { ReplicationConfig } from './replication-config.ts';

export interface PromotionCandidate {
  id: string;
  name: string;
  replayLsn: string;
  receiveLsn: string | null;
}

function byPriorityThenId(a: PromotionCandidate, b: PromotionCandidate, priority: Record<string, number>): number {
  const byPriority = (priority[b.name] ?? 0) - (priority[a.name] ?? 0);
  return byPriority !== 0 ? byPriority : Number(a.id) - Number(b.id);
}

function compare(a: PromotionCandidate, b: PromotionCandidate, priority: Record<string, number>): number {
  const onDisk = flushedBytes(b) - flushedBytes(a);
  if (onDisk !== 0n) return onDisk > 0n ? 1 : -1;
  const replay = lsnToBytes(b.replayLsn) - lsnToBytes(a.replayLsn);
  if (replay !== 0n) return replay > 0n ? 1 : -1;
  return byPriorityThenId(a, b, priority);
}

export function chooseStandbyToPromote(
  candidates: readonly PromotionCandidate[],
  priority: Record<string, number>,
): PromotionCandidate | undefined {
  return [...candidates].sort((a, b) => compare(a, b, priority))[0];
}

/** WAL the standby has on disk: a standby acknowledges a synchronous commit once it flushed it, replayed or not. */
export function flushedBytes(candidate: PromotionCandidate): bigint {
  const replay = lsnToBytes(candidate.replayLsn);
  const receive = candidate.receiveLsn === null ? 0n : lsnToBytes(candidate.receiveLsn);
  return receive > replay ? receive : replay;
}

export type SyncChoice = { chosen: PromotionCandidate } | { refused: string };

/**
 * Synchronous replication (ANY n of the sync candidates): an acknowledged commit is on at least n of the candidate
 * standbys. Once `answered` holds all but n - 1 of them, at least one answering standby has each acknowledged
 * commit, and since every standby's WAL is a prefix of the lost primary's, the one that flushed the most has them
 * all. With fewer answering, an acknowledged commit may be only on the silent ones: promote nothing. Standbys that
 * are no sync candidates, or may not be promoted (`eligible` false), are never chosen; if the most advanced one is
 * not eligible, an eligible one that flushed as much is, or none.
 */
export function chooseSyncStandbyToPromote(
  answered: readonly PromotionCandidate[],
  failedName: string,
  replication: Pick<ReplicationConfig, 'syncStandbys' | 'syncCandidates'>,
  eligible: (candidate: PromotionCandidate) => boolean,
  priority: Record<string, number>,
): SyncChoice {
  const standbys = replication.syncCandidates.filter((name) => name !== failedName);
  const needed = standbys.length - replication.syncStandbys + 1;
  const heard = answered.filter((candidate) => standbys.includes(candidate.name));
  if (needed < 1 || heard.length < needed) {
    return { refused: `${heard.length} of the ${standbys.length} sync standbys answered (${heard.map((c) => c.name).join(', ') || 'none'}); ${Math.max(needed, 1)} must, or an acknowledged commit may exist only on the silent ones` };
  }
  const most = heard.reduce((best, candidate) => (flushedBytes(candidate) > best ? flushedBytes(candidate) : best), 0n);
  const [chosen] = heard
    .filter((candidate) => flushedBytes(candidate) === most && eligible(candidate))
    .sort((a, b) => byPriorityThenId(a, b, priority));
  if (!chosen) {
    const ahead = heard.filter((candidate) => flushedBytes(candidate) === most).map((c) => c.name).join(', ');
    return { refused: `the most advanced sync standby (${ahead}) may not be promoted (detached or DISALLOW_TO_FAILOVER)` };
  }
  return { chosen };
}
