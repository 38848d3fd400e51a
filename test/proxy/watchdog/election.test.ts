// The watchdog's state machine on a fake clock and network (simulated-tier.ts): it elects one leader only with a
// quorum, a higher term deposes, and — checked at every simulated millisecond — never are two members in charge
// (holding the VIP, allowed to promote) at once, through kills, restarts, partitions and races.
import { describe, expect, it } from 'vitest';
import { quorumSize } from '../../../proxy/watchdog/membership.ts';
import { checkIntervalMs, takeoverDelayMs } from '../../../proxy/watchdog/watchdog-timing.ts';
import { SimulatedTier, TIMING } from './simulated-tier.ts';

function settledLeader(tier: SimulatedTier): number {
  tier.runUntil(() => tier.inCharge().length === 1);
  const [leader] = tier.inCharge();
  expect(leader, 'a leader in charge').toBeDefined();
  return leader!;
}

describe('quorum', () => {
  it('is a strict majority of the configured members, even counts included (Pgpool-II without half votes)', () => {
    expect([1, 2, 3, 4, 5, 6].map(quorumSize)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});

describe('watchdog election', () => {
  it('elects one leader in charge, which stays while nothing fails', () => {
    const tier = new SimulatedTier(3);
    const leader = settledLeader(tier);
    tier.run(5_000);
    expect(tier.inCharge()).toEqual([leader]);
    expect(tier.elections.map((election) => election!.leader)).toEqual([leader, leader, leader]);
    expect(tier.doubleHolders).toEqual([]);
  });

  it('does not act before the takeover delay after winning', () => {
    const tier = new SimulatedTier(3);
    tier.runUntil(() => tier.elections.some((election) => election!.role === 'leader'));
    const leader = tier.elections.findIndex((election) => election!.role === 'leader');
    expect(tier.inCharge()).toEqual([]);
    const waited = tier.runUntil(() => tier.inCharge().includes(leader));
    expect(waited).toBeGreaterThanOrEqual(takeoverDelayMs(TIMING) - 1);
  });

  it('elects nobody without a quorum: one of three, or one of two', () => {
    for (const [count, alive] of [[3, [0]], [2, [1]], [4, [0, 1]]] as const) {
      const tier = new SimulatedTier(count);
      for (let index = 0; index < count; index++) if (!(alive as readonly number[]).includes(index)) tier.kill(index);
      tier.run(5_000);
      expect(tier.inCharge(), `${alive.length} of ${count}`).toEqual([]);
      expect(tier.elections.some((election) => election?.role === 'leader')).toBe(false);
    }
  });

  it('elects with 3 of 4 members, and with both of 2', () => {
    const four = new SimulatedTier(4);
    four.kill(0);
    expect(settledLeader(four)).not.toBe(0);
    const two = new SimulatedTier(2);
    settledLeader(two);
    expect(two.doubleHolders).toEqual([]);
  });

  it('replaces a killed leader, over several rounds, never with two in charge', () => {
    const tier = new SimulatedTier(3);
    for (let round = 0; round < 4; round++) {
      const leader = settledLeader(tier);
      const term = tier.elections[leader]!.term;
      tier.kill(leader);
      const next = settledLeader(tier);
      expect(next).not.toBe(leader);
      expect(tier.elections[next]!.term).toBeGreaterThan(term);
      tier.restart(leader);
      tier.run(2_000);
      expect(tier.inCharge()).toEqual([next]);
    }
    expect(tier.doubleHolders).toEqual([]);
  });

  // The second timing detects a lost leader (deadTimeMs) sooner than the lease ends: only the takeover delay then
  // keeps the majority's new leader from acting while the old one still holds the VIP.
  it.each([
    ['default test timing', TIMING],
    ['a dead time shorter than the lease', { heartbeatIntervalMs: 50, deadTimeMs: 150, leaseMs: 400, releaseTimeoutMs: 100 }],
  ])('a partitioned leader lets go before the majority side takes over, and rejoins as a follower (%s)', (_name, timing) => {
    const tier = new SimulatedTier(3, { timing });
    for (let round = 0; round < 3; round++) {
      const leader = settledLeader(tier);
      const others = [0, 1, 2].filter((index) => index !== leader);
      tier.partition([leader], others);
      const stepDown = tier.runUntil(() => tier.elections[leader]!.role !== 'leader');
      expect(stepDown).toBeLessThanOrEqual(timing.leaseMs + checkIntervalMs(timing));
      const next = settledLeader(tier);
      expect(others).toContain(next);
      tier.heal();
      tier.run(2_000);
      expect(tier.inCharge()).toEqual([next]);
      expect(tier.elections[leader]!.leader).toBe(next);
    }
    expect(tier.doubleHolders).toEqual([]);
  });

  it('splits an even tier in halves: neither half elects', () => {
    const tier = new SimulatedTier(4);
    const leader = settledLeader(tier);
    const half = [leader, (leader + 1) % 4];
    tier.partition(half, [0, 1, 2, 3].filter((index) => !half.includes(index)));
    tier.run(5_000);
    expect(tier.inCharge()).toEqual([]);
    tier.heal();
    settledLeader(tier);
    expect(tier.doubleHolders).toEqual([]);
  });

  it('a member that sees a higher term steps down', () => {
    const tier = new SimulatedTier(3);
    const leader = settledLeader(tier);
    const election = tier.elections[leader]!;
    const term = election.term;
    const other = (leader + 1) % 3;
    election.receive({ kind: 'heartbeat', from: other, term: term + 5, role: 'follower', leader: null, sentAt: 0, holdsVip: false, ack: null }, tier.now);
    expect(election.role).toBe('follower');
    expect(election.term).toBe(term + 5);
    expect(election.inCharge(tier.now)).toBe(false);
    settledLeader(tier);
    expect(tier.elections.every((member) => member!.term > term + 5)).toBe(true);
    expect(tier.doubleHolders).toEqual([]);
  });

  it('races: members started at once, slow links, one-way cuts and restarts never make two holders', () => {
    for (let round = 0; round < 5; round++) {
      const tier = new SimulatedTier(5, { delayMs: 1 + round * 7 });
      const leader = settledLeader(tier);
      tier.cutOneWay(leader, (leader + 1) % 5);
      tier.cutOneWay((leader + 2) % 5, leader);
      tier.run(3_000);
      tier.kill(leader);
      tier.restart((leader + 3) % 5);
      tier.run(3_000);
      tier.heal();
      tier.restart(leader);
      settledLeader(tier);
      tier.run(2_000);
      expect(tier.inCharge()).toHaveLength(1);
      expect(tier.doubleHolders, `round ${round}`).toEqual([]);
    }
  });

  it('a candidate that restarted before the delay neither votes nor acks', () => {
    const tier = new SimulatedTier(3);
    const leader = settledLeader(tier);
    const other = (leader + 1) % 3;
    tier.restart(other);
    const out = tier.elections[other]!.receive({ kind: 'vote-request', from: (leader + 2) % 3, term: 99, sentAt: 0 }, tier.now);
    expect(out.map((o) => o.message)).toMatchObject([{ kind: 'vote', granted: false }]);
  });
});
