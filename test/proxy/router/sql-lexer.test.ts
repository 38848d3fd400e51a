import { describe, expect, it } from 'vitest';
import { lexSql } from '../../../proxy/router/sql-lexer.ts';

const shape = (sql: string, options = {}) => lexSql(sql, options).tokens.map((t) => `${t.type}:${t.value}`);

describe('sql lexer', () => {
  it('folds unquoted words, keeps quoted identifiers exact with "" unescaped', () => {
    expect(shape('SELECT "My""Col" FROM Tbl')).toEqual(['word:select', 'qident:My"Col', 'word:from', 'word:tbl']);
  });

  it('reads strings whole: doubled quotes, E escapes, prefixes', () => {
    expect(shape("SELECT 'a''b', E'c\\'d', B'101', X'ff', N'n', U&'\\0041'")).toEqual([
      'word:select',
      "string:'a''b'",
      'comma:,',
      "string:E'c\\'d'",
      'comma:,',
      "string:B'101'",
      'comma:,',
      "string:X'ff'",
      'comma:,',
      "string:N'n'",
      'comma:,',
      "string:U&'\\0041'",
    ]);
  });

  it('honours standard_conforming_strings = off: backslash escapes in plain strings', () => {
    const sql = "SELECT 'a\\'; DELETE FROM t; --'";
    expect(shape(sql, { standardConformingStrings: false })).toEqual(['word:select', "string:'a\\'; DELETE FROM t; --'"]);
    expect(shape(sql)).toContain('word:delete');
  });

  it('reads dollar quotes with and without tags, and tells them from parameters and identifiers', () => {
    expect(shape('SELECT $$a;b$$, $fn$ $$ $fn$, $1, a$b')).toEqual([
      'word:select',
      'string:$$a;b$$',
      'comma:,',
      'string:$fn$ $$ $fn$',
      'comma:,',
      'param:$1',
      'comma:,',
      'word:a$b',
    ]);
  });

  it('skips nested block comments and line comments, keeping leading ones for hints', () => {
    const lexed = lexSql('/* a /* b */ c */ -- d\nSELECT 1 /* e */ -- f');
    expect(lexed.leadingComments).toEqual(['/* a /* b */ c */', '-- d\n']);
    expect(lexed.tokens.map((t) => t.value)).toEqual(['select', '1']);
  });

  it('splits operators before comment starts and recognises casts', () => {
    expect(shape('a+-- c\n1::int')).toEqual(['word:a', 'op:+', 'number:1', 'cast:::', 'word:int']);
    expect(shape("data->>'k' @> x")).toEqual(['word:data', 'op:->>', "string:'k'", 'op:@>', 'word:x']);
  });

  it('reads numbers with fractions, exponents, hex and underscores', () => {
    expect(shape('1.5e-3 .5 0x1F 1_000 t.a')).toEqual([
      'number:1.5e-3',
      'number:.5',
      'number:0x1F',
      'number:1_000',
      'word:t',
      'dot:.',
      'word:a',
    ]);
  });

  it.each([
    ["SELECT 'open", 'unterminated quoted string'],
    ['SELECT "open', 'unterminated quoted identifier'],
    ['SELECT /* open /* nested */', 'unterminated /* comment'],
    ['SELECT $x$ open', 'unterminated dollar-quoted string $x$'],
  ])('reports %j as untokenizable', (sql, error) => {
    expect(lexSql(sql).error).toBe(error);
  });
});
