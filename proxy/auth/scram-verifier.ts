// PostgreSQL's stored SCRAM-SHA-256 secret: SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
// (salt and keys base64). Storing this instead of a password lets the proxy authenticate clients
// without ever knowing their password, and needs no PBKDF2 per login.
import { randomBytes } from 'node:crypto';
import { SCRAM_KEY_LENGTH, clientKeyOf, saltPassword, serverKeyOf, sha256 } from './scram-keys.ts';

export const SCRAM_DEFAULT_ITERATIONS = 4096;
const SALT_LENGTH = 16;
const PREFIX = 'SCRAM-SHA-256$';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface ScramVerifier {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export class ScramVerifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScramVerifierError';
  }
}

export function isScramVerifier(secret: string): boolean {
  return secret.startsWith(PREFIX);
}

function decodeBase64(text: string, what: string): Buffer {
  if (text === '' || !BASE64.test(text)) throw new ScramVerifierError(`SCRAM verifier ${what} is not valid base64`);
  return Buffer.from(text, 'base64');
}

/** Parses a stored verifier. Errors describe which part is wrong but never echo the verifier. */
export function parseScramVerifier(secret: string): ScramVerifier {
  if (!isScramVerifier(secret)) throw new ScramVerifierError('SCRAM verifier must start with "SCRAM-SHA-256$"');
  const match = /^(\d+):([^$]+)\$([^:]+):(.+)$/.exec(secret.slice(PREFIX.length));
  if (!match) {
    throw new ScramVerifierError('SCRAM verifier must have the form SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>');
  }
  const iterations = Number(match[1]);
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new ScramVerifierError('SCRAM verifier iteration count must be a positive integer');
  }
  const verifier = {
    iterations,
    salt: decodeBase64(match[2], 'salt'),
    storedKey: decodeBase64(match[3], 'StoredKey'),
    serverKey: decodeBase64(match[4], 'ServerKey'),
  };
  if (verifier.storedKey.length !== SCRAM_KEY_LENGTH || verifier.serverKey.length !== SCRAM_KEY_LENGTH) {
    throw new ScramVerifierError(`SCRAM verifier keys must each decode to ${SCRAM_KEY_LENGTH} bytes`);
  }
  return verifier;
}

export function formatScramVerifier(verifier: ScramVerifier): string {
  const b64 = (buf: Buffer) => buf.toString('base64');
  return `${PREFIX}${verifier.iterations}:${b64(verifier.salt)}$${b64(verifier.storedKey)}:${b64(verifier.serverKey)}`;
}

export interface CreateScramVerifierOptions {
  iterations?: number;
  /** Fixed salt, for deterministic verifiers (tests, mock authentication); random 16 bytes otherwise. */
  salt?: Buffer;
}

/** Derives the verifier PostgreSQL would store for `password` (async PBKDF2, off the event loop). */
export async function createScramVerifier(password: string, options: CreateScramVerifierOptions = {}): Promise<ScramVerifier> {
  const iterations = options.iterations ?? SCRAM_DEFAULT_ITERATIONS;
  const salt = options.salt ?? randomBytes(SALT_LENGTH);
  const salted = await saltPassword(password, salt, iterations);
  return { iterations, salt, storedKey: sha256(clientKeyOf(salted)), serverKey: serverKeyOf(salted) };
}

/** Convenience for config tooling: the verifier string to store instead of `password`. */
export async function scramVerifierString(password: string, options: CreateScramVerifierOptions = {}): Promise<string> {
  return formatScramVerifier(await createScramVerifier(password, options));
}
