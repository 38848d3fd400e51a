// A watchdog tier on a fake clock and a fake network, for deterministic tests of the state machine: every member's
// election gets the same `now`, datagrams arrive after a fixed delay unless the link is cut or the member is down,
// and after every step the test can ask who is in charge.
import { WatchdogElection, type WatchdogTransition } from '../../../proxy/watchdog/election.ts';
import type { WatchdogMember } from '../../../proxy/watchdog/membership.ts';
import type { Outgoing, WatchdogMessage } from '../../../proxy/watchdog/watchdog-message.ts';
import { checkIntervalMs, type WatchdogTiming } from '../../../proxy/watchdog/watchdog-timing.ts';

export const TIMING: WatchdogTiming = { heartbeatIntervalMs: 100, deadTimeMs: 400, leaseMs: 300, releaseTimeoutMs: 100 };

interface InFlight {
  at: number;
  from: number;
  to: number;
  message: WatchdogMessage;
}

export class SimulatedTier {
  now = 0;
  readonly members: WatchdogMember[];
  elections: (WatchdogElection | null)[];
  readonly transitions: { member: number; transition: WatchdogTransition }[] = [];
  readonly #delayMs: number;
  readonly #timing: WatchdogTiming;
  #inFlight: InFlight[] = [];
  /** Cut links, as "from>to". */
  readonly #cut = new Set<string>();
  #nextTick = 0;
  /** Every ms at which two members were in charge at once (must stay empty). */
  readonly doubleHolders: number[] = [];

  constructor(count: number, options: { delayMs?: number; timing?: WatchdogTiming } = {}) {
    this.#delayMs = options.delayMs ?? 2;
    this.#timing = options.timing ?? TIMING;
    this.members = Array.from({ length: count }, (_v, index) => ({ name: `proxy[${index}]`, host: '127.0.0.1', port: 9000 + index }));
    this.elections = this.members.map((_m, index) => this.#start(index));
  }

  #start(index: number): WatchdogElection {
    return new WatchdogElection(this.members, index, this.#timing, this.now, (transition) => this.transitions.push({ member: index, transition }));
  }

  kill(index: number): void {
    this.elections[index] = null;
  }

  restart(index: number): void {
    this.elections[index] = this.#start(index);
  }

  /** Cuts (or heals) both directions between the two groups. */
  partition(groupA: number[], groupB: number[]): void {
    for (const a of groupA) for (const b of groupB) this.#cut.add(`${a}>${b}`).add(`${b}>${a}`);
  }

  cutOneWay(from: number, to: number): void {
    this.#cut.add(`${from}>${to}`);
  }

  heal(): void {
    this.#cut.clear();
  }

  inCharge(): number[] {
    return this.elections.flatMap((election, index) => (election?.inCharge(this.now) ? [index] : []));
  }

  run(ms: number): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.now += 1;
      this.#deliver();
      if (this.now >= this.#nextTick) {
        this.elections.forEach((election, index) => election && this.#send(index, election.tick(this.now)));
        this.#nextTick = this.now + checkIntervalMs(this.#timing);
      }
      if (this.inCharge().length > 1) this.doubleHolders.push(this.now);
    }
  }

  /** Runs until `predicate` holds (or fails the test's expectation after `limitMs`); returns the time it took. */
  runUntil(predicate: () => boolean, limitMs = 10_000): number {
    const start = this.now;
    while (!predicate() && this.now - start < limitMs) this.run(1);
    return this.now - start;
  }

  #deliver(): void {
    const due = this.#inFlight.filter((datagram) => datagram.at <= this.now);
    this.#inFlight = this.#inFlight.filter((datagram) => datagram.at > this.now);
    for (const datagram of due) {
      const election = this.elections[datagram.to];
      if (election) this.#send(datagram.to, election.receive(datagram.message, this.now));
    }
  }

  #send(from: number, outgoing: Outgoing[]): void {
    for (const { to, message } of outgoing) {
      const targets = to === 'peers' ? this.members.map((_m, index) => index).filter((index) => index !== from) : [to];
      for (const target of targets) {
        if (!this.#cut.has(`${from}>${target}`)) this.#inFlight.push({ at: this.now + this.#delayMs, from, to: target, message });
      }
    }
  }
}
