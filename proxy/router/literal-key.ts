// The classification cache key of a statement that differs from others only in its literals. Simple-protocol clients
// (pgbench -S, ORMs without server-side parameters) send a new text for every value, so keying by exact text misses
// every time and each statement is lexed and scanned again.
//
// A key replaces each numeric and plain '…' string literal with a placeholder and keeps every other character, so two
// texts with the same key lex to the same tokens apart from literal values. That is only sound where the class cannot
// depend on a literal value, so the key is given only to a single SELECT/WITH/VALUES/TABLE/INSERT/UPDATE/DELETE
// (their class comes from words, identifiers and structure; literal values are read only by SET isolation values,
// EXPLAIN options and routing-hint comments). Anything the scan is not sure of gets no key and is cached by its exact
// text instead: comments (hints), dollar quotes, prefixed strings (E'', B'', X'', U&''), backslashes (whose meaning
// depends on standard_conforming_strings), a second statement after a semicolon, unterminated literals.

import { isDigit, isIdentChar, isSpace, numberEnd } from './sql-lexer.ts';

const KEYED_FIRST_WORDS = new Set(['select', 'with', 'values', 'table', 'insert', 'update', 'delete']);

// Backslash-led, and a raw backslash means "no key", so a placeholder can never be confused with statement text.
const STRING_PLACEHOLDER = '\\S';
const NUMBER_PLACEHOLDER = '\\N';

/**
 * The literal-free key of `text`, the text itself when it has no literals, or undefined when the statement must be
 * cached by its exact text.
 */
export function literalKey(text: string): string | undefined {
  const length = text.length;
  let i = 0;
  while (i < length && isSpace(text.charCodeAt(i))) i++;
  const wordStart = i;
  while (i < length && isIdentChar(text.charCodeAt(i))) i++;
  if (!KEYED_FIRST_WORDS.has(text.slice(wordStart, i).toLowerCase())) return undefined;
  // Inside strings too: with standard_conforming_strings off a backslash escapes the closing quote.
  if (text.includes('\\')) return undefined;
  let key = '';
  let copiedTo = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 39) {
      // A prefix letter or U& before the quote changes how the string lexes.
      const before = text.charCodeAt(i - 1);
      if (isIdentChar(before) || before === 38) return undefined;
      const end = stringEnd(text, i + 1);
      if (end < 0) return undefined;
      key += text.slice(copiedTo, i) + STRING_PLACEHOLDER;
      copiedTo = i = end;
    } else if (isDigit(c) && !isIdentChar(text.charCodeAt(i - 1))) {
      // The span the lexer reads as one number token, so what follows lexes alike for every key-equal text.
      const end = numberEnd(text, i);
      key += text.slice(copiedTo, i) + NUMBER_PLACEHOLDER;
      copiedTo = i = end;
    } else if (c === 34) {
      // Quoted identifiers are names: kept verbatim ("" inside is two adjacent quoted parts, also verbatim).
      const close = text.indexOf('"', i + 1);
      if (close < 0) return undefined;
      i = close + 1;
    } else if (c === 36) {
      if (!isDigit(text.charCodeAt(i + 1))) return undefined;
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    } else if (c === 59) {
      if (!onlySpaceAfter(text, i + 1)) return undefined;
      i++;
    } else if (c === 0) return undefined;
    else if ((c === 45 && text.charCodeAt(i + 1) === 45) || (c === 47 && text.charCodeAt(i + 1) === 42)) return undefined;
    else i++;
  }
  return copiedTo === 0 ? text : key + text.slice(copiedTo);
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
