// Watchdog datagrams signed with the tier's shared key (Pgpool-II's wd_authkey): HMAC-SHA256 over each datagram, so
// a host that can reach the heartbeat port but has no key cannot depose the leader with a higher term, vote, or ack
// a lease. A captured datagram replayed later is refused too: each carries its sender's boot (the wall-clock time its
// process started), a sequence number within that boot and its wall-clock send time; a member takes only datagrams
// newer than the last it took from that sender, sent within the dead time by its own clock. A replay inside that
// window to a member that never saw the original is no worse than a late datagram, which the election tolerates
// (lease.ts: an ack never extends a lease past the send time it carries). The members' clocks must agree to well
// within the dead time (NTP, or Amazon Time Sync on EC2).
//
// Layout: `<boot> <seq> <sentAt wall ms> <message JSON>\n<hex HMAC of everything before the newline>`.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedDatagram {
  boot: number;
  seq: number;
  /** Wall-clock milliseconds when it was sent. */
  at: number;
  /** The message's JSON, checked by parseWatchdogMessage once the signature is. */
  text: string;
}

/** Why a datagram was refused, for tests and the metrics; null: taken. */
export type Refusal = 'malformed' | 'bad signature' | 'stale' | 'replayed';

const HEADER = /^(\d{1,16}) (\d{1,16}) (\d{1,16}) ([^\n]*)\n([0-9a-f]{64})$/;

export class MessageAuthenticator {
  readonly #key: Buffer;
  readonly #windowMs: number;
  readonly #wallClock: () => number;
  readonly #boot: number;
  #seq = 0;
  /** Per sender index: the newest datagram taken. */
  readonly #newest = new Map<number, Omit<SignedDatagram, 'text'>>();

  constructor(key: string, windowMs: number, wallClock: () => number = Date.now) {
    this.#key = Buffer.from(key, 'utf8');
    this.#windowMs = windowMs;
    this.#wallClock = wallClock;
    this.#boot = Math.floor(wallClock());
  }

  seal(text: string): string {
    const signed = `${this.#boot} ${++this.#seq} ${Math.floor(this.#wallClock())} ${text}`;
    return `${signed}\n${this.#mac(signed).toString('hex')}`;
  }

  /** The datagram's parts if its signature is the key's; `from` is read from it, then checked against replays by `take`. */
  open(datagram: string): SignedDatagram | Refusal {
    const match = HEADER.exec(datagram);
    if (!match) return 'malformed';
    const signed = datagram.slice(0, datagram.lastIndexOf('\n'));
    if (!timingSafeEqual(this.#mac(signed), Buffer.from(match[5]!, 'hex'))) return 'bad signature';
    return { boot: Number(match[1]), seq: Number(match[2]), at: Number(match[3]), text: match[4]! };
  }

  /** Whether a signed datagram of `from` is fresh and newer than every one taken from it; if so, it is the newest. */
  take(from: number, datagram: SignedDatagram): Refusal | null {
    if (Math.abs(this.#wallClock() - datagram.at) > this.#windowMs) return 'stale';
    const newest = this.#newest.get(from);
    // Within one boot the sequence orders; a new boot (a restarted sender, whose boot a stepped clock may even have
    // made smaller) needs a later send time than the newest taken.
    const newer = !newest || (datagram.boot === newest.boot ? datagram.seq > newest.seq : datagram.at > newest.at);
    if (!newer) return 'replayed';
    this.#newest.set(from, { boot: datagram.boot, seq: datagram.seq, at: datagram.at });
    return null;
  }

  #mac(text: string): Buffer {
    return createHmac('sha256', this.#key).update(text, 'utf8').digest();
  }
}
