// One member of the proxy tier's watchdog, running: the election (election.ts) on the process's monotonic clock,
// its datagrams over the transport, the VIP holder following `inCharge`, a log line for every transition and the
// counters the metrics endpoint shows. SHOW WATCHDOG reads `status()`.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.ts';
import { WatchdogElection, type WatchdogTransition } from './election.ts';
import { VipHolder } from './vip-holder.ts';
import type { WatchdogConfig } from './watchdog-config.ts';
import type { WatchdogRole } from './watchdog-message.ts';
import type { Refusal } from './message-auth.ts';
import { FileTermStore } from './term-store.ts';
import { checkIntervalMs, takeoverDelayMs } from './watchdog-timing.ts';
import type { RefusedDatagram, WatchdogTransport } from './watchdog-transport.ts';
import type { VipDriver } from './vip/vip-driver.ts';

/** One member as this member sees it (pcp_watchdog_info's node lines). */
export interface WatchdogMemberStatus {
  name: string;
  host: string;
  port: number;
  self: boolean;
  /** `lost` when not heard from within the dead time. */
  state: WatchdogRole | 'lost';
  term: number | null;
  leader: string | null;
  holdsVip: boolean;
}

export interface WatchdogStatus {
  self: string;
  term: number;
  role: WatchdogRole;
  leader: string | null;
  inCharge: boolean;
  alive: number;
  quorum: number;
  members: WatchdogMemberStatus[];
  vip: string;
}

export interface WatchdogCounters {
  /** Times the leader this member knows changed (to another member or to none). */
  leaderChanges: number;
  vipAcquired: number;
  vipReleased: number;
  /** Datagrams dropped for the key: unsigned, forged, stale or replayed. */
  datagramsRefused: number;
}

/** A refused datagram is logged at most this often per sender and reason: a wrong key or clock would flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

const REFUSAL_HINTS: Record<Refusal, string> = {
  malformed: 'not signed: a member without the key, or not a member',
  'bad signature': 'signed with another key: give every member the same one',
  stale: 'the members\' clocks disagree by more than the dead time, or it is a replay',
  replayed: 'a replay, or a duplicated datagram',
};

export interface WatchdogServiceOptions {
  config: WatchdogConfig;
  transport: WatchdogTransport;
  driver: VipDriver;
  log: Logger;
  /** Milliseconds, monotonic; tests pass a fake. */
  clock?: () => number;
  /** Told when this member starts and stops holding the VIP (vip-listener.ts). */
  vipHeld?: (held: boolean) => void;
  /** Told whenever the leader this member knows changes (null: none now), and stopped with the service (joined-tag.ts). */
  joined?: { announce(leader: string | null): void; stop(): void };
}

export class WatchdogService {
  readonly counters: WatchdogCounters = { leaderChanges: 0, vipAcquired: 0, vipReleased: 0, datagramsRefused: 0 };
  readonly #config: WatchdogConfig;
  readonly #transport: WatchdogTransport;
  readonly #log: Logger;
  readonly #clock: () => number;
  readonly #election: WatchdogElection;
  readonly #holder: VipHolder;
  readonly #joined: WatchdogServiceOptions['joined'];
  #timer: NodeJS.Timeout | null = null;
  /** When each `reason from` was last logged. */
  readonly #refusalsLogged = new Map<string, number>();

  constructor(options: WatchdogServiceOptions) {
    this.#config = options.config;
    this.#transport = options.transport;
    this.#log = options.log;
    this.#joined = options.joined;
    this.#clock = options.clock ?? (() => performance.now());
    const { members, self, timing, stateDir } = options.config;
    const store = stateDir === null ? null : new FileTermStore(stateDir);
    this.#election = new WatchdogElection(members, self, timing, this.#clock(), (transition) => this.#transitioned(transition), store);
    this.#holder = new VipHolder(options.driver, timing.releaseTimeoutMs, options.log, {
      acquired: () => {
        this.counters.vipAcquired++;
        options.vipHeld?.(true);
      },
      released: () => {
        this.counters.vipReleased++;
        options.vipHeld?.(false);
      },
    }, members.some((member, index) => index !== self && member.host === members[self]!.host));
  }

  async start(): Promise<void> {
    await this.#transport.start((message) => {
      for (const outgoing of this.#election.receive(message, this.#clock())) this.#transport.send(outgoing);
      this.#followElection();
    }, (refused) => this.#refused(refused));
    // A VIP left on this host by a killed process of this member is not ours until we win: let it go first (the
    // holder does not when other members share the host: there it may be the leader's).
    this.#holder.want(false);
    const { members, self, timing } = this.#config;
    this.#log.info('watchdog started', {
      member: members[self]!.name, members: members.length, quorum: this.#election.membership.quorum, vip: this.#holder.driver.describe(),
      heartbeatIntervalMs: timing.heartbeatIntervalMs, deadTimeMs: timing.deadTimeMs, leaseMs: timing.leaseMs, takeoverDelayMs: takeoverDelayMs(timing),
      signed: this.#config.authKey !== null, term: this.#election.term, stateDir: this.#config.stateDir,
    });
    this.#timer = setInterval(() => this.tick(), checkIntervalMs(timing));
  }

  /** One step of the state machine; the timer calls it, tests may too. */
  tick(): void {
    for (const outgoing of this.#election.tick(this.#clock())) this.#transport.send(outgoing);
    this.#followElection();
  }

  /** Stops taking part and releases the VIP (within releaseTimeoutMs); the others elect without this member. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#joined?.stop();
    await this.#transport.close();
    await this.#holder.releaseNow();
    this.#log.info('watchdog stopped', { member: this.#config.members[this.#config.self]!.name });
  }

  /** In charge: the one member that may hold the VIP and run a failover now. */
  inCharge(): boolean {
    return this.#election.inCharge(this.#clock());
  }

  status(): WatchdogStatus {
    const now = this.#clock();
    const election = this.#election;
    const { membership } = election;
    const name = (member: number | null): string | null => (member === null ? null : membership.members[member]?.name ?? null);
    const members = membership.members.map((member, index): WatchdogMemberStatus => {
      const self = index === membership.self;
      const heartbeat = membership.lastHeartbeat(index, now);
      return {
        name: member.name, host: member.host, port: member.port, self,
        state: self ? election.role : heartbeat?.role ?? 'lost',
        term: self ? election.term : heartbeat?.term ?? null,
        leader: name(self ? election.leader : heartbeat?.leader ?? null),
        holdsVip: self ? this.#holder.holds : heartbeat?.holdsVip ?? false,
      };
    });
    return {
      self: membership.members[membership.self]!.name, term: election.term, role: election.role, leader: name(election.leader),
      inCharge: election.inCharge(now), alive: membership.aliveCount(now), quorum: membership.quorum, members, vip: this.#holder.driver.describe(),
    };
  }

  #refused({ reason, from }: RefusedDatagram): void {
    this.counters.datagramsRefused++;
    const key = `${reason} ${from}`;
    const now = this.#clock();
    if (now - (this.#refusalsLogged.get(key) ?? -Infinity) < REFUSAL_LOG_INTERVAL_MS) return;
    this.#refusalsLogged.set(key, now);
    this.#log.warn('watchdog: datagram refused', { member: this.#config.members[this.#config.self]!.name, reason, from, hint: REFUSAL_HINTS[reason] });
  }

  #followElection(): void {
    this.#holder.want(this.inCharge());
    this.#election.reportHoldsVip(this.#holder.holds);
  }

  #transitioned(transition: WatchdogTransition): void {
    const member = this.#config.members[this.#config.self]!.name;
    switch (transition.kind) {
      case 'term':
        this.#log.info('watchdog: new term', { member, term: transition.term, reason: transition.reason });
        break;
      case 'role':
        this.#log.info(`watchdog: ${transition.from} -> ${transition.to}`, { member, term: transition.term, reason: transition.reason });
        break;
      case 'not-persisted':
        this.#log.error('watchdog: cannot record term and vote; not voting or standing until it can', { member, term: transition.term, error: transition.error });
        break;
      case 'leader': {
        this.counters.leaderChanges++;
        const leader = transition.leader === null ? null : this.#config.members[transition.leader]?.name ?? null;
        this.#log.info(leader === null ? 'watchdog: no leader' : 'watchdog: leader is now known', { member, leader, term: transition.term });
        this.#joined?.announce(leader);
        break;
      }
    }
  }
}
