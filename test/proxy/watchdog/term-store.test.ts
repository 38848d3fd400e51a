// Term and vote on disk (proxy/watchdog/term-store.ts): a member restarted in the middle of an election, after its
// quiet wait but while the term it voted in is still being contested, refuses a second candidate of that term.
// The control run, without the file, grants it: the double vote this test exists to catch.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatchdogElection } from '../../../proxy/watchdog/election.ts';
import { FileTermStore, TERM_FILE, TermStoreError, type TermStore } from '../../../proxy/watchdog/term-store.ts';
import type { VoteMessage } from '../../../proxy/watchdog/watchdog-message.ts';
import { takeoverDelayMs } from '../../../proxy/watchdog/watchdog-timing.ts';
import { SimulatedTier, TIMING } from './simulated-tier.ts';

const VOTER = 2;
const QUIET = takeoverDelayMs(TIMING);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pgtopo-term-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function voter(store: TermStore | null, startedAt: number): WatchdogElection {
  return new WatchdogElection(new SimulatedTier(3).members, VOTER, TIMING, startedAt, () => undefined, store);
}

/** The voter's answer to `candidate` standing in `term`. */
function ask(election: WatchdogElection, candidate: number, term: number, now: number): VoteMessage {
  const [out] = election.receive({ kind: 'vote-request', from: candidate, term, sentAt: now }, now);
  return out!.message as VoteMessage;
}

describe('term store', () => {
  it('starts at term 0 without a vote, and reads back what it saved, leaving no temporary file', () => {
    const store = new FileTermStore(dir);
    expect(store.load()).toEqual({ term: 0, votedFor: null });
    store.save({ term: 7, votedFor: 1 });
    store.save({ term: 8, votedFor: null });
    expect(new FileTermStore(dir).load()).toEqual({ term: 8, votedFor: null });
    expect(readdirSync(dir)).toEqual([TERM_FILE]);
  });

  it('refuses a damaged record rather than start again from term 0', () => {
    for (const text of ['{', '{"term":-1,"votedFor":null}', '{"term":3}', 'null']) {
      writeFileSync(join(dir, TERM_FILE), text);
      expect(() => new FileTermStore(dir).load(), text).toThrow(TermStoreError);
    }
  });
});

describe('a member restarted mid-election', () => {
  it('never votes twice in one term, however late in the term it comes back', () => {
    for (const lateBy of [0, 1, TIMING.deadTimeMs, 10 * TIMING.deadTimeMs]) {
      rmSync(join(dir, TERM_FILE), { force: true });
      const first = voter(new FileTermStore(dir), 0);
      expect(ask(first, 0, 5, QUIET)).toMatchObject({ term: 5, granted: true });
      // Killed right after the vote went out; back, quiet wait over, and candidate 1 still stands in term 5.
      const restartedAt = QUIET + 1 + lateBy;
      const restarted = voter(new FileTermStore(dir), restartedAt);
      expect(restarted.term).toBe(5);
      expect(ask(restarted, 1, 5, restartedAt + QUIET), `back ${lateBy} ms later`).toMatchObject({ term: 5, granted: false });
      // Its vote stands for the candidate it gave it to, and a later term is a new vote.
      expect(ask(restarted, 0, 5, restartedAt + QUIET)).toMatchObject({ granted: true });
      expect(ask(voter(new FileTermStore(dir), 0), 1, 6, QUIET)).toMatchObject({ term: 6, granted: true });
    }
  });

  it('control: without its record the restarted member would give term 5 a second vote', () => {
    const first = voter(null, 0);
    expect(ask(first, 0, 5, QUIET)).toMatchObject({ granted: true });
    expect(ask(voter(null, QUIET + 1), 1, 5, 2 * QUIET + 1)).toMatchObject({ term: 5, granted: true });
  });

  it('a candidate records its own vote before asking, so it cannot vote for a rival of its term after a restart', () => {
    const tier = new SimulatedTier(3);
    const candidate = new WatchdogElection(tier.members, 0, TIMING, 0, () => undefined, new FileTermStore(dir));
    // Alone it cannot stand (no quorum alive); hearing its peers' heartbeats, it does.
    let now = QUIET;
    for (const from of [1, 2]) candidate.receive({ kind: 'heartbeat', from, term: 0, role: 'follower', leader: null, sentAt: now, holdsVip: false, ack: null }, now);
    while (candidate.role !== 'candidate' && now < 10 * QUIET) candidate.tick(++now);
    expect(candidate.role).toBe('candidate');
    expect(new FileTermStore(dir).load()).toEqual({ term: candidate.term, votedFor: 0 });
    const restarted = new WatchdogElection(tier.members, 0, TIMING, now, () => undefined, new FileTermStore(dir));
    expect(ask(restarted, 1, candidate.term, now + QUIET)).toMatchObject({ granted: false });
  });

  it('a vote it cannot record is not given', () => {
    const failing: TermStore = { load: () => ({ term: 0, votedFor: null }), save: () => { throw new Error('disk full'); } };
    const transitions: string[] = [];
    const election = new WatchdogElection(new SimulatedTier(3).members, VOTER, TIMING, 0, (t) => transitions.push(t.kind), failing);
    expect(ask(election, 0, 1, QUIET)).toMatchObject({ granted: false });
    expect(transitions).toContain('not-persisted');
  });
});
