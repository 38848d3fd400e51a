// The classification cache key of a statement that differs from others only in its literals. Simple-protocol clients
// (pgbench -S, ORMs without server-side parameters) send a new text for every value, so keying by exact text misses
// every time and each statement is lexed and scanned again.
//
// The shape of a text is the text with each numeric and plain '…' string literal replaced by a placeholder; two texts
// of the same shape lex to the same tokens apart from literal values. The cache keys by a hash of the shape and
// confirms with a comparison, so a lookup allocates nothing. That is only sound where the class cannot
// depend on a literal value, so the key is given only to a single SELECT/WITH/VALUES/TABLE/INSERT/UPDATE/DELETE
// (their class comes from words, identifiers and structure; literal values are read only by SET isolation values,
// EXPLAIN options and routing-hint comments). Anything the scan is not sure of gets no key and is cached by its exact
// text instead: comments (hints), dollar quotes, prefixed strings (E'', B'', X'', U&''), backslashes (whose meaning
// depends on standard_conforming_strings), a second statement after a semicolon, unterminated literals.

import { isDigit, isIdentChar, isSpace, numberEnd } from './sql-lexer.ts';

const KEYED_FIRST_WORDS = ['select', 'with', 'values', 'table', 'insert', 'update', 'delete'];

/** Whether text[from, to) is one of KEYED_FIRST_WORDS in any case (compared in place: no lower-cased copy). */
function isKeyedFirstWord(text: string, from: number, to: number): boolean {
  for (const word of KEYED_FIRST_WORDS) {
    if (word.length !== to - from) continue;
    let k = 0;
    // | 0x20 lower-cases ASCII letters and turns no other character into one.
    while (k < word.length && (text.charCodeAt(from + k) | 0x20) === word.charCodeAt(k)) k++;
    if (k === word.length) return true;
  }
  return false;
}

// FNV-1a over the char codes, with a code outside the char range standing in for each kind of literal.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
const STRING_LITERAL = 0x10001;
const NUMBER_LITERAL = 0x10002;

// What step() consumed: verbatim text, a literal, or something that rules the literal key out.
const VERBATIM = 0;
const BAIL = -1;
let stepKind = VERBATIM;

/**
 * The hash of `text` with every literal replaced by a placeholder (a non-negative 32-bit number), or -1 when the
 * statement is cached by its exact text: it has no literals (then the text is its own shape) or may not be keyed
 * by shape. Texts with the same shape hash are confirmed with sameShape.
 */
export function literalShape(text: string): number {
  const length = text.length;
  let i = 0;
  while (i < length && isSpace(text.charCodeAt(i))) i++;
  const wordStart = i;
  while (i < length && isIdentChar(text.charCodeAt(i))) i++;
  if (!isKeyedFirstWord(text, wordStart, i)) return -1;
  // Inside strings too: with standard_conforming_strings off a backslash escapes the closing quote.
  if (text.includes('\\')) return -1;
  let hash = FNV_OFFSET;
  let literals = 0;
  for (let at = 0; at < i; at++) hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isPlain(text, i, c)) {
      hash = Math.imul(hash ^ c, FNV_PRIME);
      i++;
      continue;
    }
    const next = step(text, i);
    if (stepKind === BAIL) return -1;
    if (stepKind === VERBATIM) {
      for (let at = i; at < next; at++) hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
    } else {
      hash = Math.imul(hash ^ stepKind, FNV_PRIME);
      literals++;
    }
    i = next;
  }
  return literals === 0 ? -1 : hash >>> 0;
}

/** Whether two texts that both have a literal shape are the same statement apart from their literal values. */
export function sameShape(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = a.charCodeAt(i);
    if (isPlain(a, i, c)) {
      if (b.charCodeAt(j) !== c || !isPlain(b, j, c)) return false;
      i++;
      j++;
      continue;
    }
    const nextA = step(a, i);
    const kindA = stepKind;
    const nextB = step(b, j);
    if (kindA !== stepKind || kindA === BAIL) return false;
    if (kindA === VERBATIM) {
      if (nextA - i !== nextB - j) return false;
      for (let k = 0; k < nextA - i; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
    }
    i = nextA;
    j = nextB;
  }
  return i === a.length && j === b.length;
}

// Characters that may start something other than one verbatim character: quotes, $, ;, comment starts, NUL.
const SPECIAL = new Uint8Array(128);
for (const ch of '\'"$;-/\0') SPECIAL[ch.charCodeAt(0)] = 1;

/** One verbatim character: not special, and not a digit that starts a number. */
function isPlain(text: string, i: number, c: number): boolean {
  if (c < 128 && SPECIAL[c] === 1) return false;
  return !isDigit(c) || isIdentChar(text.charCodeAt(i - 1));
}

/**
 * Consumes one piece of the text at i and returns where it ends, with its kind in stepKind: a string or number
 * literal, or verbatim text (one character, a quoted identifier, a $n parameter, a final semicolon).
 */
function step(text: string, i: number): number {
  const c = text.charCodeAt(i);
  stepKind = VERBATIM;
  if (c === 39) {
    // A prefix letter or U& before the quote changes how the string lexes.
    const before = text.charCodeAt(i - 1);
    const end = isIdentChar(before) || before === 38 ? -1 : stringEnd(text, i + 1);
    stepKind = end < 0 ? BAIL : STRING_LITERAL;
    return end;
  }
  if (isDigit(c) && !isIdentChar(text.charCodeAt(i - 1))) {
    stepKind = NUMBER_LITERAL;
    // The span the lexer reads as one number token, so what follows lexes alike for every same-shape text.
    return numberEnd(text, i);
  }
  if (c === 34) {
    // Quoted identifiers are names: kept verbatim ("" inside is two adjacent quoted parts, also verbatim).
    const close = text.indexOf('"', i + 1);
    if (close < 0) stepKind = BAIL;
    return close + 1;
  }
  if (c === 36) {
    let end = i + 1;
    while (isDigit(text.charCodeAt(end))) end++;
    if (end === i + 1) stepKind = BAIL; // a dollar quote
    return end;
  }
  if (c === 59) {
    if (!onlySpaceAfter(text, i + 1)) stepKind = BAIL;
    return text.length;
  }
  if (c === 0 || (c === 45 && text.charCodeAt(i + 1) === 45) || (c === 47 && text.charCodeAt(i + 1) === 42)) {
    stepKind = BAIL; // comments may hold routing hints
  }
  return i + 1;
}

/** The index after the closing quote of a plain string whose body starts at `from`; -1 if unterminated. */
function stringEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0) return -1;
    if (text.charCodeAt(close + 1) !== 39) return close + 1;
    i = close + 2;
  }
}

function onlySpaceAfter(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
