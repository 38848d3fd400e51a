// Read buffers of client connections, recycled between connections. A fresh 64 KiB buffer per client is
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
