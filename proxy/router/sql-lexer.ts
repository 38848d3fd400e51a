// A small tokenizer for PostgreSQL SQL, just deep enough for routing. Classification runs on the hot path of every
// uncached statement, so this is a single pass over char codes and never builds a parse tree.

export type TokenType =
  | 'word' // unquoted identifier or keyword; value is lower-cased (PostgreSQL folds unquoted names)
  | 'qident' // "quoted identifier"; value is the identifier exactly as written, quotes removed
  | 'string' // any string constant ('', E'', B'', X'', U&'', $tag$…$tag$); value is the raw source text
  | 'number'
  | 'param' // $1
  | 'op'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'semicolon'
  | 'dot'
  | 'cast' // ::
  | 'colon';

export interface SqlToken {
  type: TokenType;
  value: string;
  start: number;
  end: number;
}

export interface LexedSql {
  tokens: SqlToken[];
  /** Comments before the first token: the only place routing hints are honoured. */
  leadingComments: string[];
  /** Set when the text cannot be tokenized (unterminated string, comment or quoted identifier). */
  error?: string;
}

export interface LexOptions {
  /** PostgreSQL's standard_conforming_strings; when off, backslash escapes also apply in plain '' strings. */
  standardConformingStrings?: boolean;
}

const OPERATOR_CHARS = new Set('+-*/<>=~!@#%^&|`?'.split('').map((c) => c.charCodeAt(0)));
const SINGLE_CHAR_TOKENS: Record<string, TokenType> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
  ';': 'semicolon',
  '.': 'dot',
};

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

export function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** The end of the numeric constant starting at `from`: digits, letters, underscores, a decimal point, an exponent sign. */
export function numberEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      const exponentSign = (c === 101 || c === 69) && (text[i + 1] === '+' || text[i + 1] === '-');
      i += exponentSign ? 2 : 1;
    } else if (c === 46 && text.charCodeAt(i + 1) !== 46) i++;
    else break;
  }
  return i;
}

class LexError extends Error {}

/** Tokenizes SQL text. Never throws: untokenizable input is reported in `error` (the router then treats it as a write). */
export function lexSql(text: string, options: LexOptions = {}): LexedSql {
  const lexer = new Lexer(text, options.standardConformingStrings !== false);
  try {
    lexer.run();
  } catch (error) {
    if (!(error instanceof LexError)) throw error;
    return { tokens: lexer.tokens, leadingComments: lexer.leadingComments, error: error.message };
  }
  return { tokens: lexer.tokens, leadingComments: lexer.leadingComments };
}

class Lexer {
  readonly tokens: SqlToken[] = [];
  readonly leadingComments: string[] = [];
  private pos = 0;
  private readonly text: string;
  private readonly standardStrings: boolean;

  constructor(text: string, standardStrings: boolean) {
    this.text = text;
    this.standardStrings = standardStrings;
  }

  run(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (isSpace(c)) this.pos++;
      else if (c === 45 && text.charCodeAt(this.pos + 1) === 45) this.lineComment();
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) this.blockComment();
      else if (isIdentStart(c)) this.wordOrPrefixedString(c);
      else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(this.pos + 1)))) this.number();
      else if (c === 39) this.quotedString(this.pos, this.pos, !this.standardStrings);
      else if (c === 34) this.quotedIdentifier(this.pos, this.pos);
      else if (c === 36) this.dollar();
      else if (c === 58) this.colon();
      else if (OPERATOR_CHARS.has(c)) this.operator();
      else this.single(text[this.pos]);
    }
  }

  private push(type: TokenType, value: string, start: number, end: number): void {
    this.tokens.push({ type, value, start, end });
  }

  private lineComment(): void {
    const start = this.pos;
    const newline = this.text.indexOf('\n', start);
    this.pos = newline < 0 ? this.text.length : newline + 1;
    this.noteComment(start);
  }

  // PostgreSQL block comments nest, unlike the SQL standard's.
  private blockComment(): void {
    const text = this.text;
    const start = this.pos;
    let depth = 0;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      const next = text.charCodeAt(this.pos + 1);
      if (c === 47 && next === 42) {
        depth++;
        this.pos += 2;
      } else if (c === 42 && next === 47) {
        depth--;
        this.pos += 2;
        if (depth === 0) {
          this.noteComment(start);
          return;
        }
      } else this.pos++;
    }
    throw new LexError('unterminated /* comment');
  }

  private noteComment(start: number): void {
    if (this.tokens.length === 0) this.leadingComments.push(this.text.slice(start, this.pos));
  }

  private wordOrPrefixedString(c: number): void {
    const text = this.text;
    const start = this.pos;
    const next = text.charCodeAt(start + 1);
    if (next === 39) {
      // E'…' takes backslash escapes; B'', X'', N'' are plain strings with a type prefix.
      if (c === 101 || c === 69) return this.quotedString(start, start + 1, true);
      if (c === 98 || c === 66 || c === 120 || c === 88 || c === 110 || c === 78) {
        return this.quotedString(start, start + 1, !this.standardStrings);
      }
    }
    if ((c === 117 || c === 85) && next === 38) {
      const quote = text.charCodeAt(start + 2);
      if (quote === 39) return this.quotedString(start, start + 2, false);
      if (quote === 34) return this.quotedIdentifier(start, start + 2);
    }
    let end = start + 1;
    while (end < text.length && isIdentChar(text.charCodeAt(end))) end++;
    this.pos = end;
    this.push('word', text.slice(start, end).toLowerCase(), start, end);
  }

  private quotedString(start: number, quoteAt: number, backslashEscapes: boolean): void {
    const text = this.text;
    let i = quoteAt + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92 && backslashEscapes) i += 2;
      else if (c === 39) {
        if (text.charCodeAt(i + 1) !== 39) {
          this.pos = i + 1;
          this.push('string', text.slice(start, this.pos), start, this.pos);
          return;
        }
        i += 2;
      } else i++;
    }
    throw new LexError('unterminated quoted string');
  }

  private quotedIdentifier(start: number, quoteAt: number): void {
    const text = this.text;
    let i = quoteAt + 1;
    let value = '';
    for (;;) {
      const close = text.indexOf('"', i);
      if (close < 0) throw new LexError('unterminated quoted identifier');
      value += text.slice(i, close);
      if (text.charCodeAt(close + 1) !== 34) {
        this.pos = close + 1;
        this.push('qident', value, start, this.pos);
        return;
      }
      value += '"';
      i = close + 2;
    }
  }

  private number(): void {
    const start = this.pos;
    this.pos = numberEnd(this.text, start);
    this.push('number', this.text.slice(start, this.pos), start, this.pos);
  }

  // $1 is a parameter; $$…$$ and $tag$…$tag$ are dollar-quoted strings.
  private dollar(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    if (isDigit(text.charCodeAt(i))) {
      while (isDigit(text.charCodeAt(i))) i++;
      this.pos = i;
      this.push('param', text.slice(start, i), start, i);
      return;
    }
    if (text.charCodeAt(i) !== 36 && isIdentStart(text.charCodeAt(i))) {
      while (i < text.length && isIdentChar(text.charCodeAt(i)) && text.charCodeAt(i) !== 36) i++;
    }
    if (text.charCodeAt(i) !== 36) return this.operator();
    const delimiter = text.slice(start, i + 1);
    const close = text.indexOf(delimiter, i + 1);
    if (close < 0) throw new LexError(`unterminated dollar-quoted string ${delimiter}`);
    this.pos = close + delimiter.length;
    this.push('string', text.slice(start, this.pos), start, this.pos);
  }

  private colon(): void {
    const start = this.pos;
    if (this.text.charCodeAt(start + 1) === 58) {
      this.pos += 2;
      this.push('cast', '::', start, this.pos);
    } else if (this.text.charCodeAt(start + 1) === 61) {
      this.pos += 2;
      this.push('op', ':=', start, this.pos);
    } else {
      this.pos++;
      this.push('colon', ':', start, this.pos);
    }
  }

  // An operator runs until a non-operator char or the start of a comment, as in PostgreSQL's scanner.
  private operator(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length && OPERATOR_CHARS.has(text.charCodeAt(i))) {
      const pair = text.slice(i, i + 2);
      if (pair === '--' || pair === '/*') break;
      i++;
    }
    this.pos = i;
    this.push('op', text.slice(start, i), start, i);
  }

  private single(char: string): void {
    const start = this.pos;
    this.pos++;
    this.push(SINGLE_CHAR_TOKENS[char] ?? 'op', char, start, this.pos);
  }
}
