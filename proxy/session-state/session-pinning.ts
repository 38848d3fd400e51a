// Transaction pooling hands a client a different server per transaction, so a statement whose effect outlives
// its transaction would leak to the next client of that server (or be lost). Such statements pin the client to
// its server connection for the rest of its session. A false positive only costs pooling efficiency; a false
// negative leaks state, so the patterns err on the side of pinning.
import { cstringEnd } from '../protocol/cstring.ts';

export type PinReason =
  | 'set'
  | 'prepare'
  | 'listen'
  | 'advisory-lock'
  | 'temp-table'
  | 'with-hold-cursor'
  | 'load'
  | 'discard'
  | 'set-config';

// Statement starts: after start of text or ';', optional comments/whitespace/parentheses.
const START = String.raw`(?:^|;)(?:\s|/\*[\s\S]*?\*/|--[^\n]*\n|\()*`;

const RULES: readonly [RegExp, PinReason][] = [
  [new RegExp(`${START}(?:set\\s+(?!local\\b|transaction\\b|constraints\\b)|reset\\b)`, 'i'), 'set'],
  [new RegExp(`${START}(?:prepare\\b|deallocate\\b)`, 'i'), 'prepare'],
  [new RegExp(`${START}(?:listen\\b)`, 'i'), 'listen'],
  [new RegExp(`${START}create\\s+(?:(?:global|local)\\s+)?temp(?:orary)?\\b`, 'i'), 'temp-table'],
  [/\binto\s+(?:temp|temporary)\b/i, 'temp-table'],
  [new RegExp(`${START}declare\\b[^;]*\\bwith\\s+hold\\b`, 'i'), 'with-hold-cursor'],
  [new RegExp(`${START}load\\b`, 'i'), 'load'],
  [new RegExp(`${START}discard\\b`, 'i'), 'discard'],
  [/pg_(?:try_)?advisory_lock/i, 'advisory-lock'],
  [/\bset_config\s*\(/i, 'set-config'],
];

// Cheap pre-filter: every pattern above contains one of these letters sequences; most SELECTs contain none.
const MAYBE = /set|reset|prepare|dealloc|listen|temp|hold|load|discard|advisory/i;

/** The reason a statement (or multi-statement string) must pin its session, or null. */
export function sessionPinReason(sql: string): PinReason | null {
  if (!MAYBE.test(sql)) return null;
  for (const [pattern, reason] of RULES) {
    if (pattern.test(sql)) return reason;
  }
  return null;
}

const QUERY = 0x51;

/** Query ('Q') or Parse ('P') message at buf[off, end): the SQL text inside it. */
export function statementText(buf: Buffer, off: number, end: number): string {
  const body = off + 5;
  // A Query body is one string whose terminator is the message's last byte: no search needed.
  if (buf[off] === QUERY) return buf.toString('utf8', body, buf[end - 1] === 0 ? end - 1 : end);
  const nameEnd = cstringEnd(buf, body, end);
  if (nameEnd < 0) return '';
  const from = nameEnd + 1;
  const textEnd = cstringEnd(buf, from, end);
  return buf.toString('utf8', from, textEnd < 0 ? end : textEnd);
}
