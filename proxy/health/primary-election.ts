// Which node is the primary when health probes disagree (routing rule 21). Every proxy of a tier decides the same
// way from the same facts, so the ones that do not promote still follow the one that did:
//   - only reachable, attached nodes that are not in recovery may be the primary;
//   - of several, the highest timeline wins (a promotion starts a new one, a returned old primary keeps its old
//     one), then the primary already confirmed, then the configured primary, then the lowest node id;
//   - every other node that is not in recovery is a false primary: no traffic until it is rebuilt as a standby.
// A node detached by failover or by an admin never wins: a returned old primary must not take writes back even
// when the new primary is down as well.

export interface ElectionCandidate {
  id: string;
  reachable: boolean;
  inRecovery: boolean | null;
  timeline: number | null;
  attached: boolean;
  alwaysPrimary: boolean;
  configuredPrimary: boolean;
}

export interface Election {
  primaryId: string | undefined;
  falsePrimaryIds: string[];
}

function outranks(a: ElectionCandidate, b: ElectionCandidate, confirmedId: string | undefined): boolean {
  if ((a.timeline ?? 0) !== (b.timeline ?? 0)) return (a.timeline ?? 0) > (b.timeline ?? 0);
  if ((a.id === confirmedId) !== (b.id === confirmedId)) return a.id === confirmedId;
  if (a.configuredPrimary !== b.configuredPrimary) return a.configuredPrimary;
  return Number(a.id) < Number(b.id);
}

export function electPrimary(nodes: readonly ElectionCandidate[], confirmedId: string | undefined): Election {
  const always = nodes.find((n) => n.alwaysPrimary);
  if (always) return { primaryId: always.id, falsePrimaryIds: [] };
  const claiming = nodes.filter((n) => n.reachable && n.inRecovery === false);
  let winner: ElectionCandidate | undefined;
  for (const node of claiming) {
    if (node.attached && (winner === undefined || outranks(node, winner, confirmedId))) winner = node;
  }
  return { primaryId: winner?.id, falsePrimaryIds: claiming.filter((n) => n !== winner).map((n) => n.id) };
}
