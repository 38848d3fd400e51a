// A leader's lease: it may act as leader (hold the VIP, promote) only while a quorum of members, itself included,
// acknowledged one of its heartbeats sent within the last leaseMs. Acks carry the leader's own send time back, so
// the lease is measured on the leader's clock alone and a late datagram can never extend it: an ack proves the
// follower still followed this leader *after* that send time. See "Watchdog timing" in proxy/README.md.

export class LeaderLease {
  readonly #quorum: number;
  readonly #leaseMs: number;
  readonly #self: number;
  #term = -1;
  /** Per member: the latest of this leader's send times it acknowledged in #term. */
  #acked = new Map<number, number>();

  constructor(quorum: number, leaseMs: number, self: number) {
    this.#quorum = quorum;
    this.#leaseMs = leaseMs;
    this.#self = self;
  }

  /** A new leadership: acks of earlier terms count for nothing. */
  begin(term: number): void {
    this.#term = term;
    this.#acked = new Map();
  }

  ack(member: number, term: number, sentAt: number): void {
    if (term !== this.#term || member === this.#self) return;
    this.#acked.set(member, Math.max(sentAt, this.#acked.get(member) ?? -Infinity));
  }

  /** The send time whose acks make the quorum: the lease runs until it plus leaseMs. */
  #quorumSentAt(now: number): number {
    const times = [now, ...this.#acked.values()].sort((a, b) => b - a);
    return times[this.#quorum - 1] ?? -Infinity;
  }

  held(now: number): boolean {
    return this.expiresAt(now) > now;
  }

  expiresAt(now: number): number {
    return this.#quorumSentAt(now) + this.#leaseMs;
  }
}
