// Heartbeats and votes travel as UDP datagrams, one JSON message each. UDP because a lost or late datagram is
// exactly the failure a heartbeat detects: there is no connection to re-establish after a partition heals, no
// head-of-line blocking behind a stalled peer, and a dead peer costs nothing (Pgpool-II's heartbeat is UDP too).
// Datagrams from an address that is not the claimed member's host are dropped, and with the tier's key those not
// signed with it, stale or replayed (message-auth.ts).
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Logger } from '../log.ts';
import type { WatchdogMember } from './membership.ts';
import type { MessageAuthenticator, Refusal } from './message-auth.ts';
import { parseWatchdogMessage, type Outgoing, type WatchdogMessage } from './watchdog-message.ts';

/** A datagram not taken because of the key: unsigned, forged, stale or replayed (message-auth.ts). */
export interface RefusedDatagram {
  reason: Refusal;
  from: string;
}

/** How the service sends and receives. */
export interface WatchdogTransport {
  start(receive: (message: WatchdogMessage) => void, refused?: (datagram: RefusedDatagram) => void): Promise<void>;
  send(outgoing: Outgoing): void;
  close(): Promise<void>;
}

/** Larger than any message this code sends, signed; larger datagrams are not ours. */
const MAX_DATAGRAM_BYTES = 1024;

export class UdpWatchdogTransport implements WatchdogTransport {
  readonly #members: readonly WatchdogMember[];
  readonly #self: number;
  readonly #log: Logger;
  readonly #auth: MessageAuthenticator | null;
  #socket: Socket | null = null;
  #refused: (datagram: RefusedDatagram) => void = () => undefined;

  constructor(members: readonly WatchdogMember[], self: number, log: Logger, auth: MessageAuthenticator | null = null) {
    this.#members = members;
    this.#self = self;
    this.#log = log;
    this.#auth = auth;
  }

  async start(receive: (message: WatchdogMessage) => void, refused?: (datagram: RefusedDatagram) => void): Promise<void> {
    if (refused) this.#refused = refused;
    const own = this.#members[this.#self]!;
    const socket = createSocket({ type: isIP(own.host) === 6 ? 'udp6' : 'udp4' });
    socket.on('message', (data, remote) => {
      if (data.length > MAX_DATAGRAM_BYTES) return;
      const message = this.#message(data.toString('utf8'), remote.address);
      if (message) receive(message);
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
    const text = JSON.stringify(message);
    const data = Buffer.from(this.#auth ? this.#auth.seal(text) : text);
    const targets = to === 'peers' ? this.#members.filter((_member, index) => index !== this.#self) : [this.#members[to]!];
    // A peer that is down or unreachable is what heartbeats are for: a failed send is not worth a log line each time.
    for (const target of targets) socket.send(data, target.port, target.host, () => undefined);
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  /** The message a datagram carries, if it is one this member takes; the replay check comes last, on a message it would take. */
  #message(datagram: string, address: string): WatchdogMessage | null {
    if (!this.#auth) return this.#memberMessage(datagram, address);
    const signed = this.#auth.open(datagram);
    if (typeof signed === 'string') return this.#refuse(signed, address);
    const message = this.#memberMessage(signed.text, address);
    const refusal = message && this.#auth.take(message.from, signed);
    return refusal ? this.#refuse(refusal, address) : message;
  }

  #memberMessage(text: string, address: string): WatchdogMessage | null {
    const message = parseWatchdogMessage(text, this.#members.length, this.#self);
    return message && this.#fromClaimedHost(message.from, address) ? message : null;
  }

  #refuse(reason: Refusal, address: string): null {
    this.#refused({ reason, from: address });
    return null;
  }

  /** Members named by host name are not checked: their address could be any of the name's. */
  #fromClaimedHost(from: number, address: string): boolean {
    const host = this.#members[from]!.host;
    return isIP(host) === 0 || host === address || `::ffff:${host}` === address;
  }
}
