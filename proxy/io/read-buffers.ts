// Read buffers of connections, recycled between client connections. A fresh 64 KiB buffer per client is
// memory outside V8's heap that V8 still counts toward its next full collection: with a new connection per
// transaction (pgbench -C, or an application without a pool) that caused a mark-compact about every hundred
// logins. A buffer is handed back only when nothing else points into it; its old bytes are never read
// (Buffer.allocUnsafe would hand out stale memory the same way).
// A client's connection reads into a small buffer while its reads are small (one statement at a time, and every
// idle client), and into a 64 KiB one while they fill it: 10,000 idle clients holding 64 KiB each kept a touched
// page of it apiece (about 4 KiB RSS per client) and 640 MB of external memory V8 schedules collections by.

export const READ_BUFFER_SIZE = 64 * 1024;
/**
 * What a client reads into while its reads fit: a Query, or an extended-protocol batch of a usual OLTP statement
 * (pgbench's select-only batch is ~110 bytes, its TPC-B updates ~150). A longer one reads into a 64 KiB buffer.
 */
export const SMALL_READ_BUFFER_SIZE = 256;
/** Small buffers are cut from slabs: no ArrayBuffer object and no malloc of its own per idle client. */
const SLAB_SIZE = 64 * 1024;
const SPARE_LIMIT = 256;
const SMALL_SPARE_LIMIT = 4096;

const spare: Buffer[] = [];
const spareSmall: Buffer[] = [];

export function takeReadBuffer(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafe(READ_BUFFER_SIZE);
}

/** Gives back a buffer from takeReadBuffer that no pending write or kept slice still refers to. */
export function giveBackReadBuffer(buffer: Buffer): void {
  if (buffer.length === SMALL_READ_BUFFER_SIZE) {
    if (spareSmall.length < SMALL_SPARE_LIMIT) spareSmall.push(buffer);
  } else if (spare.length < SPARE_LIMIT) {
    spare.push(buffer);
  }
}

let slab: Buffer | null = null;
let slabUsed = 0;

/**
 * A small buffer cut from a slab of our own (not from Node's shared pool, which also serves short-lived strings
 * and buffers). A slab lives as long as one of its pieces: after a peak of clients, the few that stay may keep
 * the peak's slabs (256 bytes per client of the peak).
 */
export function takeSmallReadBuffer(): Buffer {
  const spareOne = spareSmall.pop();
  if (spareOne !== undefined) return spareOne;
  if (slab === null || slabUsed + SMALL_READ_BUFFER_SIZE > SLAB_SIZE) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
    slabUsed = 0;
  }
  slabUsed += SMALL_READ_BUFFER_SIZE;
  return slab.subarray(slabUsed - SMALL_READ_BUFFER_SIZE, slabUsed);
}

/**
 * A connection's read buffer. Reads land in `current`; a write made from a read may still point into it (the
 * kernel did not take all of it at once), and then the next read must land in another buffer. A buffer made
 * `sizedToReads` starts small, grows to READ_BUFFER_SIZE after a read that filled it (libuv reads on into the
 * new buffer in the same turn) and shrinks again after a read that would have fitted the small one.
 */
export class ReadBuffer {
  current: Buffer;
  readonly #sizedToReads: boolean;
  #taken = false;

  constructor(sizedToReads = false) {
    this.#sizedToReads = sizedToReads;
    this.current = sizedToReads ? takeSmallReadBuffer() : takeReadBuffer();
  }

  /** A write made from the current read still points into the buffer. */
  markTaken(): void {
    this.#taken = true;
  }

  /** After a read of `bytes` was handled: the buffer the next read lands in when it is another one, else undefined. */
  next(bytes: number): Buffer | undefined {
    const wanted = this.#wantedSize(bytes);
    if (!this.#taken && wanted === this.current.length) return undefined;
    if (!this.#taken) giveBackReadBuffer(this.current);
    this.#taken = false;
    this.current = wanted === SMALL_READ_BUFFER_SIZE ? takeSmallReadBuffer() : takeReadBuffer();
    return this.current;
  }

  #wantedSize(bytes: number): number {
    if (!this.#sizedToReads) return READ_BUFFER_SIZE;
    if (this.current.length === SMALL_READ_BUFFER_SIZE) return bytes === SMALL_READ_BUFFER_SIZE ? READ_BUFFER_SIZE : SMALL_READ_BUFFER_SIZE;
    return bytes <= SMALL_READ_BUFFER_SIZE ? SMALL_READ_BUFFER_SIZE : READ_BUFFER_SIZE;
  }

  /** The connection closed: its buffer may serve another connection, unless a write still points into it. */
  release(): void {
    if (!this.#taken) giveBackReadBuffer(this.current);
  }
}
