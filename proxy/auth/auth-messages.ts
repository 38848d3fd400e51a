// The few PostgreSQL protocol messages authentication needs, as whole frames:
// one type byte, an Int32 length that counts itself and the body, then the body.
// The proxy's framing code hands us complete frames and sends the frames we return as they are.
import { BackendMessage, ErrorField, FrontendMessage } from '../protocol/message-codes.ts';
import { errorFields, rawMessage } from '../protocol/message-builders.ts';

/** Authentication request codes carried in the first Int32 of an Authentication message. */
export const AuthCode = {
  ok: 0,
  cleartextPassword: 3,
  md5Password: 5,
  sasl: 10,
  saslContinue: 11,
  saslFinal: 12,
} as const;

export type AuthenticationRequest =
  | { code: typeof AuthCode.ok }
  | { code: typeof AuthCode.cleartextPassword }
  | { code: typeof AuthCode.md5Password; salt: Buffer }
  | { code: typeof AuthCode.sasl; mechanisms: string[] }
  | { code: typeof AuthCode.saslContinue; data: string }
  | { code: typeof AuthCode.saslFinal; data: string }
  | { code: number; unsupported: true };

export interface ServerError {
  sqlstate: string;
  message: string;
  severity: string;
  /** PostgreSQL's source function that raised it (not localized), when the server sent it. */
  routine?: string;
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

function int32(value: number): Buffer {
  const buf = Buffer.alloc(4);
  buf.writeInt32BE(value, 0);
  return buf;
}

function cstring(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);
}

/** The type byte and body of a complete frame, after checking the length field agrees with the buffer. */
export function readFrame(message: Buffer): { type: number; body: Buffer } {
  if (message.length < 5) throw new ProtocolError('message shorter than its 5-byte header');
  const length = message.readInt32BE(1);
  if (length + 1 !== message.length) {
    throw new ProtocolError(`message length field ${length} does not match frame size ${message.length}`);
  }
  return { type: message[0]!, body: message.subarray(5) };
}

// --- backend → frontend ---

/** An Authentication request with no data beyond its code: the same 9 bytes for every login, built once. */
const AUTHENTICATION_OK = rawMessage(BackendMessage.Authentication, int32(AuthCode.ok));

/** Shared by every login: callers write it and never change it. */
export function authenticationOk(): Buffer {
  return AUTHENTICATION_OK;
}

export function authenticationMd5Password(salt: Buffer): Buffer {
  return rawMessage(BackendMessage.Authentication, Buffer.concat([int32(AuthCode.md5Password), salt]));
}

/** One message per mechanism list (the proxy offers one): built at the first login, not at each. */
const saslOffers = new Map<string, Buffer>();

/** Shared by every login that offers the same mechanisms: callers write it and never change it. */
export function authenticationSasl(mechanisms: string[]): Buffer {
  const key = mechanisms.join('\0');
  let offer = saslOffers.get(key);
  if (offer === undefined) {
    offer = rawMessage(BackendMessage.Authentication, Buffer.concat([int32(AuthCode.sasl), ...mechanisms.map(cstring), Buffer.from([0])]));
    saslOffers.set(key, offer);
  }
  return offer;
}

/** An Authentication request whose data is SASL text, in one allocation (two of these per SCRAM login). */
function saslMessage(code: number, data: string): Buffer {
  const out = Buffer.allocUnsafe(9 + Buffer.byteLength(data, 'utf8'));
  out[0] = BackendMessage.Authentication;
  out.writeInt32BE(out.length - 1, 1);
  out.writeInt32BE(code, 5);
  out.write(data, 9, 'utf8');
  return out;
}

export function authenticationSaslContinue(data: string): Buffer {
  return saslMessage(AuthCode.saslContinue, data);
}

export function authenticationSaslFinal(data: string): Buffer {
  return saslMessage(AuthCode.saslFinal, data);
}

/** A FATAL ErrorResponse, the way the server ends a failed authentication. */
export function errorResponse(sqlstate: string, message: string): Buffer {
  return rawMessage(BackendMessage.ErrorResponse, errorFields('FATAL', sqlstate, message));
}

// --- frontend → backend (one type byte carries all three; only the conversation state tells them apart) ---

export function passwordMessage(password: string): Buffer {
  return rawMessage(FrontendMessage.Password, cstring(password));
}

export function saslInitialResponse(mechanism: string, data: string): Buffer {
  const payload = Buffer.from(data, 'utf8');
  return rawMessage(FrontendMessage.Password, Buffer.concat([cstring(mechanism), int32(payload.length), payload]));
}

export function saslResponse(data: string): Buffer {
  return rawMessage(FrontendMessage.Password, Buffer.from(data, 'utf8'));
}

// --- parsers ---

function readCString(body: Buffer, offset: number): { text: string; next: number } {
  const end = body.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('string field is not NUL-terminated');
  return { text: body.toString('utf8', offset, end), next: end + 1 };
}

function expectType(message: Buffer, type: number, what: string): Buffer {
  const parsed = readFrame(message);
  if (parsed.type !== type) {
    throw new ProtocolError(`expected ${what} ('${String.fromCharCode(type)}'), got message type '${String.fromCharCode(parsed.type)}'`);
  }
  return parsed.body;
}

export function parsePasswordMessage(message: Buffer): string {
  return readCString(expectType(message, FrontendMessage.Password, 'PasswordMessage'), 0).text;
}

export function parseSaslInitialResponse(message: Buffer): { mechanism: string; data: string } {
  const body = expectType(message, FrontendMessage.Password, 'SASLInitialResponse');
  const { text: mechanism, next } = readCString(body, 0);
  if (next + 4 > body.length) throw new ProtocolError('SASLInitialResponse is truncated');
  const length = body.readInt32BE(next);
  const data = length === -1 ? Buffer.alloc(0) : body.subarray(next + 4);
  if (length !== -1 && data.length !== length) {
    throw new ProtocolError('SASLInitialResponse data length does not match its length field');
  }
  return { mechanism, data: data.toString('utf8') };
}

export function parseSaslResponse(message: Buffer): string {
  return expectType(message, FrontendMessage.Password, 'SASLResponse').toString('utf8');
}

function parseMechanisms(body: Buffer): string[] {
  const mechanisms: string[] = [];
  let offset = 4;
  while (offset < body.length && body[offset] !== 0) {
    const { text, next } = readCString(body, offset);
    mechanisms.push(text);
    offset = next;
  }
  return mechanisms;
}

export function parseAuthenticationRequest(body: Buffer): AuthenticationRequest {
  if (body.length < 4) throw new ProtocolError('Authentication message is truncated');
  const code = body.readInt32BE(0);
  switch (code) {
    case AuthCode.ok:
      return { code: AuthCode.ok };
    case AuthCode.cleartextPassword:
      return { code: AuthCode.cleartextPassword };
    case AuthCode.md5Password:
      if (body.length !== 8) throw new ProtocolError('AuthenticationMD5Password must carry a 4-byte salt');
      return { code: AuthCode.md5Password, salt: Buffer.from(body.subarray(4, 8)) };
    case AuthCode.sasl:
      return { code: AuthCode.sasl, mechanisms: parseMechanisms(body) };
    case AuthCode.saslContinue:
      return { code: AuthCode.saslContinue, data: body.toString('utf8', 4) };
    case AuthCode.saslFinal:
      return { code: AuthCode.saslFinal, data: body.toString('utf8', 4) };
    default:
      return { code, unsupported: true };
  }
}

/** The severity, SQLSTATE and message of an ErrorResponse body. */
export function parseErrorResponse(body: Buffer): ServerError {
  const fields = new Map<number, string>();
  let offset = 0;
  while (offset < body.length && body[offset] !== 0) {
    const key = body[offset]!;
    const { text, next } = readCString(body, offset + 1);
    fields.set(key, text);
    offset = next;
  }
  return {
    severity: fields.get(ErrorField.SeverityNonLocalized) ?? fields.get(ErrorField.Severity) ?? 'ERROR',
    sqlstate: fields.get(ErrorField.Code) ?? 'XX000',
    message: fields.get(ErrorField.Message) ?? 'unknown server error',
    ...(fields.has(ErrorField.Routine) ? { routine: fields.get(ErrorField.Routine) } : {}),
  };
}
