// Who the watchdog's members are and which of them this member has heard from lately. Members are the tier's
// proxies, listed in the same order in every member's config, so a member is named by its index everywhere.
import type { HeartbeatMessage } from './watchdog-message.ts';

export interface WatchdogMember {
  name: string;
  host: string;
  /** The UDP port its heartbeats arrive on. */
  port: number;
}

/**
 * A strict majority of the configured members, counting the dead ones: Pgpool-II's rule with
 * `enable_consensus_with_half_votes = off`, its default. With an even count half is not enough (2 of 4 would let
 * both halves of a split tier elect a leader), so 2 members need both, 4 need 3.
 */
export function quorumSize(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

export class Membership {
  readonly members: readonly WatchdogMember[];
  readonly self: number;
  readonly quorum: number;
  readonly #deadTimeMs: number;
  readonly #lastHeard: (number | null)[];
  readonly #lastHeartbeat: (HeartbeatMessage | null)[];

  constructor(members: readonly WatchdogMember[], self: number, deadTimeMs: number) {
    this.members = members;
    this.self = self;
    this.quorum = quorumSize(members.length);
    this.#deadTimeMs = deadTimeMs;
    this.#lastHeard = members.map(() => null);
    this.#lastHeartbeat = members.map(() => null);
  }

  heard(member: number, now: number): void {
    this.#lastHeard[member] = now;
  }

  heartbeat(message: HeartbeatMessage, now: number): void {
    this.heard(message.from, now);
    this.#lastHeartbeat[message.from] = message;
  }

  /** This member is always alive to itself; a peer is alive while it was heard from within the dead time. */
  alive(member: number, now: number): boolean {
    if (member === this.self) return true;
    const heard = this.#lastHeard[member] ?? null;
    return heard !== null && now - heard <= this.#deadTimeMs;
  }

  aliveCount(now: number): number {
    return this.members.filter((_member, index) => this.alive(index, now)).length;
  }

  hasQuorum(now: number): boolean {
    return this.aliveCount(now) >= this.quorum;
  }

  /** The latest heartbeat of a peer while it is alive (null for this member and for dead peers). */
  lastHeartbeat(member: number, now: number): HeartbeatMessage | null {
    return member !== this.self && this.alive(member, now) ? this.#lastHeartbeat[member] ?? null : null;
  }

  peers(): number[] {
    return this.members.map((_member, index) => index).filter((index) => index !== this.self);
  }
}
