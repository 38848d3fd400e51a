// State remembers a secret as an HMAC, so a rotated secret shows up in the plan without the secret being stored.
// The HMAC key is the workspace's own random key, kept outside the state (a 0600 file beside it, or its own table
// row): whoever can read the state alone cannot check a password guess against it. A random key rather than a slow
// salted KDF: a KDF only slows guessing down, and would cost tens of milliseconds per secret on every plan.
//
// State written before this keyed the HMAC with the state's lineage, which the state itself holds. Such digests
// (no `k1:` prefix) are compared once by that old scheme and replaced by the keyed form on the next write.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

const KEYED = 'k1:';
export const DIGEST_KEY_BYTES = 32;

export function newDigestKey(): Buffer {
  return randomBytes(DIGEST_KEY_BYTES);
}

export class SecretDigest {
  readonly #key: KeyObject;

  constructor(key: Buffer) {
    this.#key = createSecretKey(key);
  }

  /** The digest state keeps for `clear`, the value of the attribute `context` (`dev.proxy[0].admin_password`). */
  of(context: string, clear: string): string {
    return `${KEYED}${hmac(this.#key, context, clear)}`;
  }
}

export function isLegacyDigest(stored: string): boolean {
  return !stored.startsWith(KEYED);
}

/** Whether a digest of the lineage-keyed scheme was made from `clear`. */
export function legacyDigestMatches(stored: string, lineage: string, context: string, clear: string): boolean {
  return isLegacyDigest(stored) && stored === hmac(createSecretKey(Buffer.from(lineage)), context, clear);
}

function hmac(key: KeyObject, context: string, clear: string): string {
  return createHmac('sha256', key).update(context).update('\0').update(clear).digest('hex');
}
