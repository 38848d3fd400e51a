// Heartbeats and votes travel as UDP datagrams, one JSON message each. UDP because a lost or late datagram is
// exactly the failure a heartbeat detects: there is no connection to re-establish after a partition heals, no
// head-of-line blocking behind a stalled peer, and a dead peer costs nothing (Pgpool-II's heartbeat is UDP too).
// Datagrams from an address that is not the claimed member's host are dropped.
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Logger } from '../log.ts';
import type { WatchdogMember } from './membership.ts';
import { parseWatchdogMessage, type Outgoing, type WatchdogMessage } from './watchdog-message.ts';

/** How the service sends and receives; tests use an in-memory one. */
export interface WatchdogTransport {
  start(receive: (message: WatchdogMessage) => void): Promise<void>;
  send(outgoing: Outgoing): void;
  close(): Promise<void>;
}

/** Larger than any message this code sends; larger datagrams are not ours. */
const MAX_DATAGRAM_BYTES = 1024;

export class UdpWatchdogTransport implements WatchdogTransport {
  readonly #members: readonly WatchdogMember[];
  readonly #self: number;
  readonly #log: Logger;
  #socket: Socket | null = null;

  constructor(members: readonly WatchdogMember[], self: number, log: Logger) {
    this.#members = members;
    this.#self = self;
    this.#log = log;
  }

  async start(receive: (message: WatchdogMessage) => void): Promise<void> {
    const own = this.#members[this.#self]!;
    const socket = createSocket({ type: isIP(own.host) === 6 ? 'udp6' : 'udp4' });
    socket.on('message', (data, remote) => {
      if (data.length > MAX_DATAGRAM_BYTES) return;
      const message = parseWatchdogMessage(data.toString('utf8'), this.#members.length, this.#self);
      if (message && this.#fromClaimedHost(message.from, remote.address)) receive(message);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', (error) => reject(new Error(`watchdog: cannot receive heartbeats on ${own.host}:${own.port} (UDP): ${error.message}`)));
      socket.bind(own.port, own.host, () => {
        socket.removeAllListeners('error');
        socket.on('error', (error) => this.#log.warn('watchdog: heartbeat socket error', { error: error.message }));
        resolve();
      });
    });
    this.#socket = socket;
  }

  send({ to, message }: Outgoing): void {
    const socket = this.#socket;
    if (!socket) return;
    const data = Buffer.from(JSON.stringify(message));
    const targets = to === 'peers' ? this.#members.filter((_member, index) => index !== this.#self) : [this.#members[to]!];
    // A peer that is down or unreachable is what heartbeats are for: a failed send is not worth a log line each time.
    for (const target of targets) socket.send(data, target.port, target.host, () => undefined);
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  /** Members named by host name are not checked: their address could be any of the name's. */
  #fromClaimedHost(from: number, address: string): boolean {
    const host = this.#members[from]!.host;
    return isIP(host) === 0 || host === address || `::ffff:${host}` === address;
  }
}
