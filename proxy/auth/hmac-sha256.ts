// HMAC-SHA-256 (RFC 2104) as two one-shot SHA-256 hashes over a key's padded blocks, which are made once per key.
// Why not createHmac: under logins it cost ~3 % of a login's CPU per call (perf profile of `pgbench -C`,
// 2026-12-03, Node 24.21): each call builds an Hmac object whose properties V8 adds one transition at a time,
// and OpenSSL looks the digest up by name; crypto.hash() is one native call with neither. Checked against
// createHmac and RFC 4231's test vectors in test/proxy/auth/hmac-sha256.test.ts.
import { hash } from 'node:crypto';

const BLOCK_BYTES = 64;
const INNER_PAD = 0x36;
const OUTER_PAD = 0x5c;

interface PaddedKey {
  inner: Buffer;
  outer: Buffer;
}

/** A verifier's StoredKey and ServerKey serve every login of their user: padded once, kept while the key lives. */
const paddedKeys = new WeakMap<Buffer, PaddedKey>();

function paddedKeyOf(key: Buffer): PaddedKey {
  let padded = paddedKeys.get(key);
  if (padded === undefined) {
    const block = key.length > BLOCK_BYTES ? hash('sha256', key, 'buffer') : key;
    const inner = Buffer.alloc(BLOCK_BYTES, INNER_PAD);
    const outer = Buffer.alloc(BLOCK_BYTES, OUTER_PAD);
    for (let i = 0; i < block.length; i++) {
      inner[i] ^= block[i]!;
      outer[i] ^= block[i]!;
    }
    padded = { inner, outer };
    paddedKeys.set(key, padded);
  }
  return padded;
}

export function hmacSha256(key: Buffer, data: string | Buffer): Buffer {
  const { inner, outer } = paddedKeyOf(key);
  const message = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const innerDigest = hash('sha256', Buffer.concat([inner, message], BLOCK_BYTES + message.length), 'buffer');
  return hash('sha256', Buffer.concat([outer, innerDigest], BLOCK_BYTES + innerDigest.length), 'buffer');
}
