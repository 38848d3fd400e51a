// Server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding, at the level of SCRAM
// messages (strings); client-auth.ts wraps them in AuthenticationSASL* frames. Verifying a proof
// takes three HMAC/SHA-256 operations against the stored verifier — no PBKDF2 per login.
import { loginRandomBytes } from './login-random.ts';
import { hmac, sameBytes, sha256, xor, SCRAM_KEY_LENGTH } from './scram-keys.ts';
import type { ScramVerifier } from './scram-verifier.ts';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
const NONCE_BYTES = 18;
// RFC 5802 "printable": ASCII 0x21-0x7E except ','.
const PRINTABLE = /^[\x21-\x2B\x2D-\x7E]+$/;

/** The client broke the SCRAM exchange (PostgreSQL answers these with 08P01 protocol_violation). */
export class ScramProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScramProtocolError';
  }
}

export type ScramServerResult = { authenticated: true; serverFinal: string } | { authenticated: false };

interface ClientFirst {
  gs2Header: string;
  bare: string;
  clientNonce: string;
}

function parseGs2Header(message: string): { gs2Header: string; rest: string } {
  const flag = message[0];
  if (flag === 'p') {
    throw new ScramProtocolError('client requested SCRAM channel binding, but only SCRAM-SHA-256 without channel binding was offered');
  }
  if ((flag !== 'n' && flag !== 'y') || message[1] !== ',') {
    throw new ScramProtocolError('malformed SCRAM message: unexpected channel binding flag');
  }
  const authzidEnd = message.indexOf(',', 2);
  if (authzidEnd < 0) throw new ScramProtocolError('malformed SCRAM message: incomplete GS2 header');
  const authzid = message.slice(2, authzidEnd);
  if (authzid !== '' && !authzid.startsWith('a=')) {
    throw new ScramProtocolError('malformed SCRAM message: unexpected attribute in GS2 header');
  }
  return { gs2Header: message.slice(0, authzidEnd + 1), rest: message.slice(authzidEnd + 1) };
}

function parseClientFirst(message: string): ClientFirst {
  const { gs2Header, rest: bare } = parseGs2Header(message);
  const attributes = bare.split(',');
  if (attributes[0]?.startsWith('m=')) throw new ScramProtocolError('client requires an unsupported SCRAM extension');
  // PostgreSQL takes the user from the startup packet, so n= is required but its value is ignored.
  if (!attributes[0]?.startsWith('n=')) throw new ScramProtocolError('malformed SCRAM message: expected user name attribute');
  const nonceAttr = attributes[1];
  if (!nonceAttr?.startsWith('r=') || !PRINTABLE.test(nonceAttr.slice(2))) {
    throw new ScramProtocolError('malformed SCRAM message: expected a printable client nonce');
  }
  return { gs2Header, bare, clientNonce: nonceAttr.slice(2) };
}

/** c= of the client-final-message: the GS2 header in base64; without channel binding nearly always one of two. */
const KNOWN_CHANNEL_BINDINGS = new Map(['n,,', 'y,,'].map((header) => [header, Buffer.from(header).toString('base64')]));

function channelBindingOf(gs2Header: string): string {
  return KNOWN_CHANNEL_BINDINGS.get(gs2Header) ?? Buffer.from(gs2Header).toString('base64');
}

function parseClientFinal(message: string): { withoutProof: string; channelBinding: string; nonce: string; proof: Buffer } {
  const proofAt = message.lastIndexOf(',p=');
  if (proofAt < 0) throw new ScramProtocolError('malformed SCRAM message: client proof missing');
  const withoutProof = message.slice(0, proofAt);
  const [channelAttr, nonceAttr] = withoutProof.split(',');
  if (!channelAttr?.startsWith('c=') || !nonceAttr?.startsWith('r=')) {
    throw new ScramProtocolError('malformed SCRAM message: expected channel binding and nonce attributes');
  }
  const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
  if (proof.length !== SCRAM_KEY_LENGTH) throw new ScramProtocolError('malformed SCRAM proof in client-final-message');
  return { withoutProof, channelBinding: channelAttr.slice(2), nonce: nonceAttr.slice(2), proof };
}

/**
 * One SCRAM exchange. Call `handleClientFirst` with the SASLInitialResponse data, send back the
 * returned server-first-message, then call `handleClientFinal` with the SASLResponse data.
 * A session built with `mock: true` (unknown user) runs the same exchange and always fails, so an
 * attacker cannot tell missing users from wrong passwords.
 */
export class ScramServerSession {
  readonly #verifier: ScramVerifier;
  readonly #mock: boolean;
  #clientFirst: ClientFirst | undefined;
  #serverFirst = '';
  #nonce = '';

  constructor(verifier: ScramVerifier, options: { mock?: boolean } = {}) {
    this.#verifier = verifier;
    this.#mock = options.mock ?? false;
  }

  handleClientFirst(clientFirstMessage: string): string {
    if (this.#clientFirst) throw new ScramProtocolError('client-first-message sent twice');
    this.#clientFirst = parseClientFirst(clientFirstMessage);
    this.#nonce = this.#clientFirst.clientNonce + loginRandomBytes(NONCE_BYTES).toString('base64');
    const salt = this.#verifier.salt.toString('base64');
    this.#serverFirst = `r=${this.#nonce},s=${salt},i=${this.#verifier.iterations}`;
    return this.#serverFirst;
  }

  handleClientFinal(clientFinalMessage: string): ScramServerResult {
    const first = this.#clientFirst;
    if (!first) throw new ScramProtocolError('client-final-message before client-first-message');
    const final = parseClientFinal(clientFinalMessage);
    if (final.channelBinding !== channelBindingOf(first.gs2Header)) {
      throw new ScramProtocolError('SCRAM channel binding check failed');
    }
    if (final.nonce !== this.#nonce) throw new ScramProtocolError('SCRAM nonce does not match');
    const authMessage = Buffer.from(`${first.bare},${this.#serverFirst},${final.withoutProof}`, 'utf8'); // encoded once for both HMACs
    const clientKey = xor(final.proof, hmac(this.#verifier.storedKey, authMessage));
    if (this.#mock || !sameBytes(sha256(clientKey), this.#verifier.storedKey)) return { authenticated: false };
    return { authenticated: true, serverFinal: `v=${hmac(this.#verifier.serverKey, authMessage).toString('base64')}` };
  }
}
