// The watchdog's state machine: terms, votes, leadership and its lease, driven by a clock the caller passes in (so
// tests run it deterministically with a fake clock and a fake network). Raft's election, cut down to what a VIP
// needs: no log, one vote per term, and a member that sees a higher term steps down. What keeps two members from
// acting as leader at once is the lease (lease.ts) and the takeover delay (watchdog-timing.ts), not the terms alone;
// the argument is in proxy/README.md ("Watchdog timing"). Term and vote survive a restart through the term store
// (term-store.ts): a vote or a candidacy is on disk before the datagram that makes it is sent.
import { LeaderLease } from './lease.ts';
import { Membership, type WatchdogMember } from './membership.ts';
import type { HeartbeatMessage, LeaderAck, Outgoing, VoteMessage, VoteRequestMessage, WatchdogMessage, WatchdogRole } from './watchdog-message.ts';
import type { TermStore } from './term-store.ts';
import { takeoverDelayMs, type WatchdogTiming } from './watchdog-timing.ts';

/** Something that changed, for the log and the metrics; `reason` says why in words. */
export type WatchdogTransition =
  | { kind: 'term'; term: number; reason: string }
  | { kind: 'role'; from: WatchdogRole; to: WatchdogRole; term: number; reason: string }
  | { kind: 'leader'; leader: number | null; term: number }
  | { kind: 'not-persisted'; term: number; error: string };

export class WatchdogElection {
  readonly membership: Membership;
  readonly timing: WatchdogTiming;
  readonly #lease: LeaderLease;
  readonly #takeoverDelayMs: number;
  readonly #startedAt: number;
  readonly #onTransition: (transition: WatchdogTransition) => void;
  readonly #store: TermStore | null;
  #term = 0;
  #role: WatchdogRole = 'follower';
  #leader: number | null = null;
  #votedFor: number | null = null;
  #votes = new Set<number>();
  #candidateSince = 0;
  /** When this member last heard its leader (or started, granted a vote, or gave up): the election timer's start. */
  #leaderContact: number;
  #leaderSince = 0;
  #leaderAck: LeaderAck | null = null;
  #lastHeartbeatSent = -Infinity;
  #holdsVip = false;

  constructor(
    members: readonly WatchdogMember[], self: number, timing: WatchdogTiming, now: number, onTransition: (transition: WatchdogTransition) => void,
    store: TermStore | null = null,
  ) {
    this.membership = new Membership(members, self, timing.deadTimeMs);
    this.timing = timing;
    this.#lease = new LeaderLease(this.membership.quorum, timing.leaseMs, self);
    this.#takeoverDelayMs = takeoverDelayMs(timing);
    this.#startedAt = now;
    this.#leaderContact = now;
    this.#onTransition = onTransition;
    this.#store = store;
    const record = store?.load() ?? { term: 0, votedFor: null };
    this.#term = record.term;
    this.#votedFor = record.votedFor;
  }

  get term(): number {
    return this.#term;
  }

  get role(): WatchdogRole {
    return this.#role;
  }

  get leader(): number | null {
    return this.#leader;
  }

  get #self(): number {
    return this.membership.self;
  }

  /** Leader, with a quorum's lease, and long enough that any earlier leader has let go: may hold the VIP and promote. */
  inCharge(now: number): boolean {
    return this.#role === 'leader' && this.#lease.held(now) && now - this.#leaderSince >= this.#takeoverDelayMs;
  }

  /** The VIP holder's state, which the heartbeats report (SHOW WATCHDOG on the other members). */
  reportHoldsVip(holds: boolean): void {
    this.#holdsVip = holds;
  }

  get holdsVip(): boolean {
    return this.#holdsVip;
  }

  tick(now: number): Outgoing[] {
    const out: Outgoing[] = [];
    if (this.#role === 'leader' && !this.#lease.held(now)) this.#giveUp(now, 'lost the quorum of its lease');
    if (this.#role === 'candidate' && now - this.#candidateSince > this.timing.deadTimeMs) this.#giveUp(now, 'election timed out');
    if (this.#role === 'follower' && this.#leader !== null && now - this.#leaderContact > this.timing.deadTimeMs) this.#setLeader(null);
    if (this.#role === 'follower' && this.#mayStand(now)) out.push(...this.#stand(now));
    if (now - this.#lastHeartbeatSent >= this.timing.heartbeatIntervalMs) out.push({ to: 'peers', message: this.#heartbeat(now) });
    return out;
  }

  receive(message: WatchdogMessage, now: number): Outgoing[] {
    this.membership.heard(message.from, now);
    switch (message.kind) {
      case 'heartbeat':
        return this.#onHeartbeat(message, now);
      case 'vote-request':
        return this.#onVoteRequest(message, now);
      case 'vote':
        return this.#onVote(message, now);
    }
  }

  #onHeartbeat(message: HeartbeatMessage, now: number): Outgoing[] {
    this.membership.heartbeat(message, now);
    if (message.term > this.#term) this.#adoptTerm(message.term, `${this.#name(message.from)} is in term ${message.term}`);
    if (message.term < this.#term) return [];
    if (this.#role === 'leader') {
      if (message.leader === this.#self && message.ack?.term === this.#term) this.#lease.ack(message.from, this.#term, message.ack.sentAt);
      return [];
    }
    // One leader per term, so any leader of this term is followed; but never a second one within a term.
    if (message.role !== 'leader' || (this.#leader !== null && this.#leader !== message.from)) return [];
    if (this.#role === 'candidate') this.#setRole('follower', `${this.#name(message.from)} won term ${this.#term}`);
    if (this.#votedFor === null) {
      this.#votedFor = message.from;
      this.#persist();
    }
    this.#setLeader(message.from);
    this.#leaderContact = now;
    // A restarted member neither acks nor votes until the takeover delay has passed (watchdog-timing.ts).
    if (!this.#quiet(now)) return [];
    this.#leaderAck = { term: this.#term, sentAt: message.sentAt };
    return [{ to: message.from, message: this.#heartbeat(now, 'reply') }];
  }

  #onVoteRequest(message: VoteRequestMessage, now: number): Outgoing[] {
    // While this member has a live leader it ignores candidates altogether, terms included: a member that lost
    // touch with the leader on its own cannot depose it (Raft's leader stickiness).
    if (this.#hasLiveLeader(now)) return [];
    if (message.term > this.#term) this.#adoptTerm(message.term, `${this.#name(message.from)} stands in term ${message.term}`);
    const grantable = message.term === this.#term && this.#quiet(now) && (this.#votedFor === null || this.#votedFor === message.from);
    const granted = grantable && this.#recordVote(message.from);
    if (granted) this.#leaderContact = now;
    const vote: VoteMessage = { kind: 'vote', from: this.#self, term: this.#term, granted, requestSentAt: message.sentAt };
    return [{ to: message.from, message: vote }];
  }

  #onVote(message: VoteMessage, now: number): Outgoing[] {
    if (message.term > this.#term) {
      this.#adoptTerm(message.term, `${this.#name(message.from)} is in term ${message.term}`);
      return [];
    }
    if (this.#role !== 'candidate' || message.term !== this.#term || !message.granted) return [];
    this.#votes.add(message.from);
    this.#lease.ack(message.from, this.#term, message.requestSentAt);
    return this.#votes.size >= this.membership.quorum ? this.#becomeLeader(now) : [];
  }

  #mayStand(now: number): boolean {
    // Members stand in index order, one heartbeat apart, so elections rarely split their votes.
    const stagger = this.#self * this.timing.heartbeatIntervalMs;
    if (this.#leader !== null || !this.#quiet(now) || now - this.#leaderContact <= this.timing.deadTimeMs + stagger) return false;
    if (!this.membership.hasQuorum(now)) return false;
    return this.membership.peers().every((peer) => {
      const heartbeat = this.membership.lastHeartbeat(peer, now);
      return heartbeat === null || heartbeat.leader === null;
    });
  }

  #stand(now: number): Outgoing[] {
    this.#adoptTerm(this.#term + 1, 'no live leader, and a quorum of members is alive');
    // A candidate votes for itself: unrecorded, a restart could let it vote for another in the same term.
    if (!this.#recordVote(this.#self)) return [];
    this.#setRole('candidate', `stands for election in term ${this.#term}`);
    this.#votes = new Set([this.#self]);
    this.#candidateSince = now;
    this.#lease.begin(this.#term);
    const request: VoteRequestMessage = { kind: 'vote-request', from: this.#self, term: this.#term, sentAt: now };
    const out: Outgoing[] = [{ to: 'peers', message: request }];
    return this.#votes.size >= this.membership.quorum ? [...out, ...this.#becomeLeader(now)] : out;
  }

  #becomeLeader(now: number): Outgoing[] {
    this.#setRole('leader', `won term ${this.#term} with ${this.#votes.size} of ${this.membership.members.length} votes`);
    this.#leaderSince = now;
    this.#setLeader(this.#self);
    return [{ to: 'peers', message: this.#heartbeat(now) }];
  }

  #giveUp(now: number, reason: string): void {
    this.#setRole('follower', reason);
    this.#setLeader(null);
    this.#leaderContact = now;
  }

  #adoptTerm(term: number, reason: string): void {
    this.#term = term;
    this.#votedFor = null;
    this.#votes = new Set();
    this.#leaderAck = null;
    this.#persist();
    this.#onTransition({ kind: 'term', term, reason });
    if (this.#role !== 'follower') this.#setRole('follower', `steps down: ${reason}`);
    this.#setLeader(null);
  }

  /**
   * Only a vote must be on disk before it counts: the record holds its term, so the stored term is never below that
   * of a vote given. A term adopted without a vote may be lost (stepping down and refusing are always safe).
   */
  #recordVote(member: number): boolean {
    const votedFor = this.#votedFor;
    this.#votedFor = member;
    if (this.#persist()) return true;
    this.#votedFor = votedFor;
    return false;
  }

  #persist(): boolean {
    if (!this.#store) return true;
    try {
      this.#store.save({ term: this.#term, votedFor: this.#votedFor });
      return true;
    } catch (error) {
      this.#onTransition({ kind: 'not-persisted', term: this.#term, error: (error as Error).message });
      return false;
    }
  }

  #setRole(to: WatchdogRole, reason: string): void {
    if (to === this.#role) return;
    const from = this.#role;
    this.#role = to;
    this.#onTransition({ kind: 'role', from, to, term: this.#term, reason });
  }

  #setLeader(leader: number | null): void {
    if (leader === this.#leader) return;
    this.#leader = leader;
    this.#leaderAck = null;
    this.#onTransition({ kind: 'leader', leader, term: this.#term });
  }

  #hasLiveLeader(now: number): boolean {
    if (this.#role === 'leader') return this.#lease.held(now);
    return this.#leader !== null && now - this.#leaderContact <= this.timing.deadTimeMs;
  }

  #quiet(now: number): boolean {
    return now - this.#startedAt >= this.#takeoverDelayMs;
  }

  /** A reply (an ack to the leader) does not stand in for the periodic heartbeat the other peers count on. */
  #heartbeat(now: number, kind: 'periodic' | 'reply' = 'periodic'): HeartbeatMessage {
    if (kind === 'periodic') this.#lastHeartbeatSent = now;
    return {
      kind: 'heartbeat', from: this.#self, term: this.#term, role: this.#role, leader: this.#leader, sentAt: now, holdsVip: this.#holdsVip,
      ack: this.#role === 'follower' ? this.#leaderAck : null,
    };
  }

  #name(member: number): string {
    return this.membership.members[member]?.name ?? `member ${member}`;
  }
}
