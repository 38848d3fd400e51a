// Random bytes for values every login needs (SCRAM nonces, md5 salts), cut from a buffer refilled 4 KiB at a
// time. A synchronous randomBytes call pays a fixed cost (a job object, OpenSSL's locks) of about 3 µs, ten
// times what 18 bytes cost. Each slice is handed out once; a refill allocates a new buffer rather than
// overwriting slices still in use.
import { randomBytes } from 'node:crypto';

const BATCH_BYTES = 4096;

let batch = Buffer.alloc(0);
let offset = 0;

export function loginRandomBytes(size: number): Buffer {
  if (offset + size > batch.length) {
    batch = randomBytes(Math.max(BATCH_BYTES, size));
    offset = 0;
  }
  const slice = batch.subarray(offset, offset + size);
  offset += size;
  return slice;
}
