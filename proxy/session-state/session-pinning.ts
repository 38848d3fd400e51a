// Transaction pooling hands a client a different server per transaction, so a statement whose effect outlives
// its transaction would leak to the next client of that server (or be lost). Such statements pin the client to
// its server connection for the rest of its session. A false positive only costs pooling efficiency; a false
// negative leaks state, so the patterns err on the side of pinning.

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

// Cheap pre-filter, so that most statements run no rule at all. Every rule above either needs one of the
// START_KEYWORD words at a statement start (the text's start or after a ';', past blanks, comments and
// parentheses) or contains one of the ANYWHERE words (CREATE TEMP contains "temp"). Looking only at statement
// starts keeps an UPDATE … SET, every write of an OLTP load, from running all the rules as a search for "set"
// anywhere did. Each rule's keyword ends at \s or \b, so "not followed by a letter" lets through all they match.
const START_KEYWORD = /(?:\s|\/\*[\s\S]*?\*\/|--[^\n]*\n|\()*(?:set|reset|prepare|deallocate|listen|declare|load|discard)(?![a-z])/iy;
const ANYWHERE = /temp|advisory|set_config/i;

function startsWithPinKeyword(sql: string, from: number): boolean {
  START_KEYWORD.lastIndex = from;
  return START_KEYWORD.test(sql);
}

function mayPin(sql: string): boolean {
  if (ANYWHERE.test(sql)) return true;
  for (let from = 0; ; ) {
    if (startsWithPinKeyword(sql, from)) return true;
    const semicolon = sql.indexOf(';', from);
    if (semicolon < 0) return false;
    from = semicolon + 1;
  }
}

/** The rules alone, without the pre-filter: what sessionPinReason must always agree with. */
export function pinReasonByRules(sql: string): PinReason | null {
  for (const [pattern, reason] of RULES) {
    if (pattern.test(sql)) return reason;
  }
  return null;
}

/** The reason a statement (or multi-statement string) must pin its session, or null. */
export function sessionPinReason(sql: string): PinReason | null {
  return mayPin(sql) ? pinReasonByRules(sql) : null;
}
