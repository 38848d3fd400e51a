// What the proxy config stores for a user — a SCRAM verifier, PostgreSQL's 'md5…' secret, or a plain
// password — and the SCRAM verifier to authenticate that user against.
import { randomBytes } from 'node:crypto';
import { hmac } from './scram-keys.ts';
import { DerivationCache } from './derivation-cache.ts';
import { isMd5Secret } from './md5.ts';
import { createScramVerifier, isScramVerifier, parseScramVerifier, SCRAM_DEFAULT_ITERATIONS } from './scram-verifier.ts';
import type { ScramVerifier } from './scram-verifier.ts';

export type StoredSecret =
  | { kind: 'scram'; verifier: ScramVerifier }
  | { kind: 'md5'; secret: string }
  | { kind: 'plain'; password: string };

export function classifySecret(secret: string): StoredSecret {
  if (isScramVerifier(secret)) return { kind: 'scram', verifier: parseScramVerifier(secret) };
  if (isMd5Secret(secret)) return { kind: 'md5', secret };
  return { kind: 'plain', password: secret };
}

// Parsed once per configured user rather than at every login; a reload builds new user objects, so a changed
// secret is never served from here.
const classified = new WeakMap<{ secret: string | null }, StoredSecret>();

/** The classified secret of a configured user, or undefined for a user without one (trust only). */
export function storedSecretOf(user: { secret: string | null }): StoredSecret | undefined {
  if (!user.secret) return undefined;
  let secret = classified.get(user);
  if (secret === undefined) {
    secret = classifySecret(user.secret);
    classified.set(user, secret);
  }
  return secret;
}

export type ScramCredential = { verifier: ScramVerifier; mock: boolean };

// A plain password in the config would otherwise cost a PBKDF2 on every login; derive its verifier once.
const derivedVerifiers = new DerivationCache<ScramVerifier>(1024);

function verifierFromPassword(password: string): Promise<ScramVerifier> {
  return derivedVerifiers.get([password], () => createScramVerifier(password));
}

// Mock credentials let an unknown user (or one with only an md5 secret) run the whole exchange and
// fail at the end, like PostgreSQL, so probing cannot reveal which users exist. The salt is stable
// per user within this process so repeated probes see the same salt, as they would for a real user.
const MOCK_SALT_KEY = randomBytes(32);

function mockVerifier(user: string): ScramVerifier {
  return {
    iterations: SCRAM_DEFAULT_ITERATIONS,
    salt: hmac(MOCK_SALT_KEY, user).subarray(0, 16),
    storedKey: randomBytes(32),
    serverKey: randomBytes(32),
  };
}

/** The verifier to run SCRAM against for `user`, or a mock one when the user has no usable secret. */
export async function scramCredentialFor(user: string, secret: StoredSecret | undefined): Promise<ScramCredential> {
  if (secret?.kind === 'scram') return { verifier: secret.verifier, mock: false };
  if (secret?.kind === 'plain') return { verifier: await verifierFromPassword(secret.password), mock: false };
  return { verifier: mockVerifier(user), mock: true };
}
