// Which standby to promote: the most advanced replay position, then the most advanced received position (promotion
// replays what was received), then the configured priority (higher first), then the lowest node id.
import { lsnToBytes } from '../health/lsn.ts';

export interface PromotionCandidate {
  id: string;
  name: string;
  replayLsn: string;
  receiveLsn: string | null;
}

function compare(a: PromotionCandidate, b: PromotionCandidate, priority: Record<string, number>): number {
  const replay = lsnToBytes(b.replayLsn) - lsnToBytes(a.replayLsn);
  if (replay !== 0n) return replay > 0n ? 1 : -1;
  const receive = lsnToBytes(b.receiveLsn ?? '0/0') - lsnToBytes(a.receiveLsn ?? '0/0');
  if (receive !== 0n) return receive > 0n ? 1 : -1;
  const byPriority = (priority[b.name] ?? 0) - (priority[a.name] ?? 0);
  return byPriority !== 0 ? byPriority : Number(a.id) - Number(b.id);
}

export function chooseStandbyToPromote(
  candidates: readonly PromotionCandidate[],
  priority: Record<string, number>,
): PromotionCandidate | undefined {
  return [...candidates].sort((a, b) => compare(a, b, priority))[0];
}
