// What watchdog members say to each other, and the check every received datagram passes before the election sees
// it. A datagram is untrusted input: anything malformed, from an unknown member or claiming to be this member is
// dropped (watchdog-transport.ts also checks the sender's address).

export type WatchdogRole = 'follower' | 'candidate' | 'leader';

/** The latest heartbeat of its leader a follower has seen: the leader's own send time, echoed back (lease.ts). */
export interface LeaderAck {
  term: number;
  sentAt: number;
}

/** Sent to every peer each heartbeat interval, and by a follower straight back to its leader on each leader heartbeat. */
export interface HeartbeatMessage {
  kind: 'heartbeat';
  from: number;
  term: number;
  role: WatchdogRole;
  /** Whom the sender follows (itself when leader), null when it knows no live leader. */
  leader: number | null;
  /** On the sender's clock; only the sender interprets it (leaders, in acks). */
  sentAt: number;
  holdsVip: boolean;
  ack: LeaderAck | null;
}

export interface VoteRequestMessage {
  kind: 'vote-request';
  from: number;
  term: number;
  sentAt: number;
}

export interface VoteMessage {
  kind: 'vote';
  from: number;
  term: number;
  granted: boolean;
  /** The request's sentAt: a vote is the voter's first ack of its new leader. */
  requestSentAt: number;
}

export type WatchdogMessage = HeartbeatMessage | VoteRequestMessage | VoteMessage;

/** A message to one member, or to every peer. */
export interface Outgoing {
  to: number | 'peers';
  message: WatchdogMessage;
}

/** A datagram's JSON before it is checked: anything may be missing or of the wrong type. */
interface UncheckedMessage {
  kind?: unknown;
  from?: unknown;
  term?: unknown;
  role?: unknown;
  leader?: unknown;
  sentAt?: unknown;
  holdsVip?: unknown;
  ack?: unknown;
  granted?: unknown;
  requestSentAt?: unknown;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRole(value: unknown): value is WatchdogRole {
  return value === 'follower' || value === 'candidate' || value === 'leader';
}

function isAck(value: unknown): value is LeaderAck | null {
  if (value === null) return true;
  const ack = value as { term?: unknown; sentAt?: unknown } | undefined;
  return typeof ack === 'object' && isCount(ack.term) && isTime(ack.sentAt);
}

function parsedJson(text: string): UncheckedMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value as UncheckedMessage : null;
  } catch {
    return null;
  }
}

/** The message in a datagram's text, or null when it is not one a member of this tier (but not `self`) sent. */
export function parseWatchdogMessage(text: string, memberCount: number, self: number): WatchdogMessage | null {
  const value = parsedJson(text);
  const isMember = (member: unknown): member is number => isCount(member) && member < memberCount;
  if (!value || !isMember(value.from) || value.from === self || !isCount(value.term)) return null;
  const { from, term } = value;
  if (value.kind === 'heartbeat') {
    const { role, leader, sentAt, holdsVip, ack } = value;
    const ok = isRole(role) && (leader === null || isMember(leader)) && isTime(sentAt) && typeof holdsVip === 'boolean' && isAck(ack);
    return ok ? { kind: 'heartbeat', from, term, role, leader, sentAt, holdsVip, ack: ack === null ? null : { term: ack.term, sentAt: ack.sentAt } } : null;
  }
  if (value.kind === 'vote-request') return isTime(value.sentAt) ? { kind: 'vote-request', from, term, sentAt: value.sentAt } : null;
  if (value.kind === 'vote') {
    const { granted, requestSentAt } = value;
    return typeof granted === 'boolean' && isTime(requestSentAt) ? { kind: 'vote', from, term, granted, requestSentAt } : null;
  }
  return null;
}
