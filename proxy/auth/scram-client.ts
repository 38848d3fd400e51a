// Client side of SCRAM-SHA-256 without channel binding, for the proxy's own connections to
// PostgreSQL. A pool opens many server connections with one password against one verifier, so the
// PBKDF2 result is cached per (password, salt, iterations) and only the first connection pays for it.
import { loginRandomBytes } from './login-random.ts';
import { DerivationCache } from './derivation-cache.ts';
import { clientKeyOf, hmac, saltPassword, sameBytes, serverKeyOf, sha256, xor } from './scram-keys.ts';

const NONCE_BYTES = 18;
// The server chooses the iteration count; cap it so a hostile server cannot pin the thread pool.
export const SCRAM_MAX_ITERATIONS = 1_000_000;
const GS2_HEADER = 'n,,';

export class ScramClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScramClientError';
  }
}

const saltedPasswords = new DerivationCache<Buffer>(256);

/** PBKDF2 of the password, computed once per (password, salt, iterations) and then reused. */
export function cachedSaltedPassword(password: string, salt: string, iterations: number): Promise<Buffer> {
  return saltedPasswords.get([password, salt, String(iterations)], () =>
    saltPassword(password, Buffer.from(salt, 'base64'), iterations),
  );
}

function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    if (part[1] !== '=') throw new ScramClientError('malformed SCRAM message from server');
    attributes.set(part[0], part.slice(2));
  }
  return attributes;
}

function parseServerFirst(message: string, clientNonce: string): { nonce: string; salt: string; iterations: number } {
  const attributes = parseAttributes(message);
  const nonce = attributes.get('r') ?? '';
  const salt = attributes.get('s') ?? '';
  const iterationsText = attributes.get('i') ?? '';
  if (!nonce.startsWith(clientNonce) || nonce.length === clientNonce.length) {
    throw new ScramClientError('server nonce does not extend the client nonce');
  }
  if (salt === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(salt)) throw new ScramClientError('server sent an invalid SCRAM salt');
  if (!/^[1-9][0-9]*$/.test(iterationsText)) throw new ScramClientError('server sent an invalid SCRAM iteration count');
  const iterations = Number(iterationsText);
  if (iterations > SCRAM_MAX_ITERATIONS) {
    throw new ScramClientError(`server asked for ${iterations} SCRAM iterations, more than the limit of ${SCRAM_MAX_ITERATIONS}`);
  }
  return { nonce, salt, iterations };
}

/**
 * One SCRAM exchange: send `clientFirstMessage` in SASLInitialResponse, pass the
 * AuthenticationSASLContinue data to `handleServerFirst` and send what it returns in SASLResponse,
 * then pass the AuthenticationSASLFinal data to `verifyServerFinal`.
 */
export class ScramClientSession {
  readonly clientFirstMessage: string;
  readonly #password: string;
  readonly #clientNonce = loginRandomBytes(NONCE_BYTES).toString('base64');
  #expectedServerSignature: Buffer | undefined;

  constructor(password: string) {
    if (password === '') throw new ScramClientError('SCRAM authentication needs a non-empty password');
    this.#password = password;
    // PostgreSQL takes the user from the startup packet, so the SCRAM user name is left empty.
    this.clientFirstMessage = `${GS2_HEADER}n=,r=${this.#clientNonce}`;
  }

  async handleServerFirst(serverFirstMessage: string): Promise<string> {
    if (this.#expectedServerSignature) throw new ScramClientError('server-first-message received twice');
    const server = parseServerFirst(serverFirstMessage, this.#clientNonce);
    const salted = await cachedSaltedPassword(this.#password, server.salt, server.iterations);
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${server.nonce}`;
    const authMessage = `${this.clientFirstMessage.slice(GS2_HEADER.length)},${serverFirstMessage},${withoutProof}`;
    const clientKey = clientKeyOf(salted);
    const proof = xor(clientKey, hmac(sha256(clientKey), authMessage));
    this.#expectedServerSignature = hmac(serverKeyOf(salted), authMessage);
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** Throws unless the server proved it knows the verifier too (mutual authentication). */
  verifyServerFinal(serverFinalMessage: string): void {
    if (!this.#expectedServerSignature) throw new ScramClientError('server-final-message before server-first-message');
    const attributes = parseAttributes(serverFinalMessage);
    const error = attributes.get('e');
    if (error !== undefined) throw new ScramClientError(`server rejected SCRAM authentication: ${error}`);
    const signature = Buffer.from(attributes.get('v') ?? '', 'base64');
    if (!sameBytes(signature, this.#expectedServerSignature)) {
      throw new ScramClientError('server signature does not match; the server does not know this password');
    }
  }
}
