// Builders for the few backend messages the proxy originates itself. Everything the proxy merely forwards is
// never re-encoded; these run at login (a ParameterStatus per server parameter), on errors and in the admin
// console.
import { BackendMessage, ErrorField, StartupCode } from './message-codes.ts';

function message(type: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + body.length);
  out[0] = type;
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

function cstring(value: string): Buffer {
  return Buffer.from(`${value}\0`, 'utf8');
}

function int32(value: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(value, 0);
  return b;
}

function int16(value: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(value, 0);
  return b;
}

export type Severity = 'ERROR' | 'FATAL' | 'WARNING' | 'NOTICE';

export function errorResponse(severity: Severity, sqlstate: string, text: string): Buffer {
  return message(BackendMessage.ErrorResponse, errorFields(severity, sqlstate, text));
}

/** The fields of an ErrorResponse (or NoticeResponse) body: severity twice (localized and not), code, message. */
export function errorFields(severity: Severity, sqlstate: string, text: string): Buffer {
  return Buffer.concat([
    Buffer.from([ErrorField.Severity]), cstring(severity),
    Buffer.from([ErrorField.SeverityNonLocalized]), cstring(severity),
    Buffer.from([ErrorField.Code]), cstring(sqlstate),
    Buffer.from([ErrorField.Message]), cstring(text),
    Buffer.from([0]),
  ]);
}

export type TransactionStatus = 'I' | 'T' | 'E';

const READY_FOR_QUERY = { I: message(BackendMessage.ReadyForQuery, Buffer.from('I')), T: message(BackendMessage.ReadyForQuery, Buffer.from('T')), E: message(BackendMessage.ReadyForQuery, Buffer.from('E')) };

/** Shared buffers (one per status): callers write them and never change them. */
export function readyForQuery(status: TransactionStatus): Buffer {
  return READY_FOR_QUERY[status];
}

export function parameterStatus(name: string, value: string): Buffer {
  return message(BackendMessage.ParameterStatus, Buffer.concat([cstring(name), cstring(value)]));
}

export function backendKeyData(processId: number, secretKey: number): Buffer {
  const out = Buffer.allocUnsafe(13);
  out[0] = BackendMessage.BackendKeyData;
  out.writeInt32BE(12, 1);
  out.writeInt32BE(processId, 5);
  out.writeInt32BE(secretKey, 9);
  return out;
}

export function commandComplete(tag: string): Buffer {
  return message(BackendMessage.CommandComplete, cstring(tag));
}

export function emptyQueryResponse(): Buffer {
  return message(BackendMessage.EmptyQueryResponse, Buffer.alloc(0));
}

/** RowDescription with every column typed text (OID 25): the admin console only returns text. */
export function rowDescription(columns: readonly string[]): Buffer {
  const parts: Buffer[] = [int16(columns.length)];
  for (const name of columns) {
    parts.push(cstring(name), int32(0), int16(0), int32(25), int16(-1), int32(-1), int16(0));
  }
  return message(BackendMessage.RowDescription, Buffer.concat(parts));
}

export function dataRow(values: readonly (string | null)[]): Buffer {
  const parts: Buffer[] = [int16(values.length)];
  for (const value of values) {
    if (value === null) {
      parts.push(int32(-1));
    } else {
      const bytes = Buffer.from(value, 'utf8');
      parts.push(int32(bytes.length), bytes);
    }
  }
  return message(BackendMessage.DataRow, Buffer.concat(parts));
}

/**
 * The StartupMessage a server connection opens with: the client's parameters as they are (pg-protocol's
 * serializer would add its own client_encoding). Other frontend messages come from pg-protocol's serialize.
 */
export function startupMessage(params: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [int32(StartupCode.Protocol3)];
  for (const [key, value] of Object.entries(params)) parts.push(cstring(key), cstring(value));
  parts.push(Buffer.from([0]));
  const body = Buffer.concat(parts);
  return Buffer.concat([int32(body.length + 4), body]);
}

/** Wraps an already-encoded body; used when rewriting a client message (e.g. a renamed Parse). */
export function rawMessage(type: number, body: Buffer): Buffer {
  return message(type, body);
}
