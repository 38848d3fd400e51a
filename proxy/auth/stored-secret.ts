// What the proxy config stores for a user — a SCRAM verifier, PostgreSQL's 'md5…' secret, or a plain
// password — and the SCRAM verifier to authenticate that user against.
import { DerivationCache } from './derivation-cache.ts';
import { isMd5Secret } from './md5.ts';
import type { MockScram } from './mock-scram.ts';
import { createScramVerifier, isScramVerifier, parseScramVerifier } from './scram-verifier.ts';
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

// A plain password in the config would otherwise cost a PBKDF2 on every login; derive its verifier once. Its
// salt and iteration count are the mock ones, so it looks like an unknown name's and is as stable across workers
// and restarts.
const derivedVerifiers = new DerivationCache<ScramVerifier>(1024);

function verifierFromPassword(password: string, salt: Buffer, iterations: number): Promise<ScramVerifier> {
  return derivedVerifiers.get([password, salt.toString('base64'), String(iterations)], () => createScramVerifier(password, { salt, iterations }));
}

/** The verifier to run SCRAM against for `user`, or a mock one when the user has no usable secret. */
export function scramCredentialFor(user: string, secret: StoredSecret | undefined, mock: MockScram): ScramCredential | Promise<ScramCredential> {
  if (secret?.kind === 'scram') return { verifier: secret.verifier, mock: false };
  if (secret?.kind === 'plain') return verifierFromPassword(secret.password, mock.saltFor(user), mock.iterations).then((verifier) => ({ verifier, mock: false }));
  // Like PostgreSQL: an unknown user (or one with only an md5 secret) runs the whole exchange and fails at the
  // end, so probing cannot tell which users exist.
  return { verifier: mock.verifierFor(user), mock: true };
}
