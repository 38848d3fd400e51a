// The SCRAM-SHA-256 key schedule (RFC 5802 section 3, RFC 7677): shared by verifier creation,
// the server side (which only ever sees StoredKey/ServerKey) and the client side (which derives them).
import { hash, pbkdf2, timingSafeEqual } from 'node:crypto';
import { hmacSha256 } from './hmac-sha256.ts';
import { saslprep } from './saslprep.ts';

export const SCRAM_KEY_LENGTH = 32;

/** HMAC-SHA-256, the key schedule's and the proofs' MAC. */
export const hmac = hmacSha256;

/** Hi(Normalize(password), salt, i): PBKDF2-HMAC-SHA-256 on the libuv thread pool so logins never block the loop. */
export function saltPassword(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(saslprep(password), salt, iterations, SCRAM_KEY_LENGTH, 'sha256', (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export function sha256(data: Buffer): Buffer {
  return hash('sha256', data, 'buffer');
}

export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

export function clientKeyOf(saltedPassword: Buffer): Buffer {
  return hmac(saltedPassword, 'Client Key');
}

export function serverKeyOf(saltedPassword: Buffer): Buffer {
  return hmac(saltedPassword, 'Server Key');
}

/** Constant-time equality that is also safe for buffers of different lengths. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
