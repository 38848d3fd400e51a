// Read buffers of connections, recycled between client connections. A fresh 64 KiB buffer per client is
// memory outside V8's heap that V8 still counts toward its next full collection: with a new connection per
// transaction (pgbench -C, or an application without a pool) that caused a mark-compact about every hundred
// logins. A buffer is handed back only when nothing else points into it; its old bytes are never read
// (Buffer.allocUnsafe would hand out stale memory the same way).

export const READ_BUFFER_SIZE = 64 * 1024;
const SPARE_LIMIT = 256;

const spare: Buffer[] = [];

export function takeReadBuffer(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafe(READ_BUFFER_SIZE);
}

/** Gives back a buffer from takeReadBuffer that no pending write or kept slice still refers to. */
export function giveBackReadBuffer(buffer: Buffer): void {
  if (spare.length < SPARE_LIMIT) spare.push(buffer);
}

/**
 * A connection's read buffer. Reads land in `current`; a write made from a read may still point into it (the
 * kernel did not take all of it at once), and then the next read must land in another buffer.
 */
export class ReadBuffer {
  current = takeReadBuffer();
  #taken = false;

  /** A write made from the current read still points into the buffer. */
  markTaken(): void {
    this.#taken = true;
  }

  /** After a read was handled: the buffer the next read lands in when the current one must stay, else undefined. */
  next(): Buffer | undefined {
    if (!this.#taken) return undefined;
    this.#taken = false;
    this.current = takeReadBuffer();
    return this.current;
  }

  /** The connection closed: its buffer may serve another connection, unless a write still points into it. */
  release(): void {
    if (!this.#taken) giveBackReadBuffer(this.current);
  }
}
