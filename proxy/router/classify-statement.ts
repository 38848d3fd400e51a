// Statement text → StatementClass (rules 1, 2, 4, 5, 6, 8, 9, 11, 12, 16). Pure and synchronous: anything that needs
// the catalog (function volatility, table persistence) is recorded by name and judged at routing time.

import { lexSql, type LexOptions, type SqlToken } from './sql-lexer.ts';
import { scanQuery } from './query-scan.ts';
import { changesTransaction, statementClass, type StatementClass } from './statement-class.ts';
import {
  classifyBegin,
  classifyCommit,
  classifyDeallocate,
  classifyExecute,
  classifyPrepare,
  classifyReset,
  classifyRollback,
  classifySet,
} from './classify-session-statement.ts';

// Pgpool-II's spelling and ours; either, as the first comment, forces the primary (rule 5).
const PRIMARY_HINT = /^\/\*\s*(NO LOAD BALANCE|pgtopo:\s*primary)\s*\*\/$/i;

// Views whose contents differ per node: a standby would answer about itself, not the primary.
const PER_NODE_VIEW = /^(pg_catalog\.)?(pg_stat_\w*|pg_statio_\w*|pg_locks|pg_replication_slots|pg_prepared_xacts)$/;

const QUERY_STARTERS = new Set(['select', 'with', 'values', 'table']);

const WRITE_REASONS: Record<string, string> = {
  insert: 'data modification',
  update: 'data modification',
  delete: 'data modification',
  merge: 'data modification',
  truncate: 'data modification',
  create: 'DDL',
  alter: 'DDL',
  drop: 'DDL',
  comment: 'DDL',
  grant: 'privilege change',
  revoke: 'privilege change',
  vacuum: 'maintenance command',
  analyze: 'maintenance command',
  analyse: 'maintenance command',
  cluster: 'maintenance command',
  reindex: 'maintenance command',
  refresh: 'maintenance command',
  checkpoint: 'maintenance command',
  listen: 'LISTEN/NOTIFY',
  notify: 'LISTEN/NOTIFY',
  unlisten: 'LISTEN/NOTIFY',
  declare: 'cursor command',
  fetch: 'cursor command',
  move: 'cursor command',
  close: 'cursor command',
  lock: 'LOCK',
  call: 'procedure call',
  do: 'anonymous code block',
};

export type ClassifyOptions = LexOptions;

export function classifyStatement(text: string, options: ClassifyOptions = {}): StatementClass {
  const lexed = lexSql(text, options);
  if (lexed.error !== undefined) return statementClass('write', false, 1, `cannot parse: ${lexed.error}`);
  const forcePrimary = lexed.leadingComments.length > 0 && PRIMARY_HINT.test(lexed.leadingComments[0].trim());
  const spans = splitStatements(lexed.tokens);
  const cls =
    spans.length === 0
      ? statementClass('empty', true, 4, 'empty query')
      : spans.length === 1
        ? classifyOne(lexed.tokens, spans[0][0], spans[0][1])
        : combine(spans.map(([from, to]) => classifyOne(lexed.tokens, from, to)));
  if (forcePrimary) cls.forcePrimary = true;
  return cls;
}

/** [from, to) token ranges of the statements of a simple Query, split at semicolons outside parentheses. */
function splitStatements(tokens: SqlToken[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === 'lparen') depth++;
    else if (type === 'rparen') depth--;
    else if (type === 'semicolon' && depth <= 0) {
      if (i > start) spans.push([start, i]);
      start = i + 1;
    }
  }
  if (tokens.length > start) spans.push([start, tokens.length]);
  return spans;
}

// Rule 6: several statements are balanced only if each is, and none opens or closes a transaction.
function combine(parts: StatementClass[]): StatementClass {
  const balanced = parts.every((p) => p.readOnly && p.kind !== 'multi' && !changesTransaction(p));
  const reason = balanced
    ? 'every statement of the query is read-only'
    : 'a statement of the query writes, changes session state or opens/closes a transaction';
  return statementClass('multi', balanced, 6, reason, {
    parts,
    tables: [...new Set(parts.flatMap((p) => p.tables))],
    writtenTables: [...new Set(parts.flatMap((p) => p.writtenTables))],
    functions: [...new Set(parts.flatMap((p) => p.functions))],
    createdTempTables: parts.flatMap((p) => p.createdTempTables),
    createdUnloggedTables: parts.flatMap((p) => p.createdUnloggedTables),
  });
}

function classifyOne(tokens: SqlToken[], from: number, to: number): StatementClass {
  if (from >= to) return statementClass('write', false, 1, 'incomplete statement');
  const first = tokens[from];
  if (first.type === 'lparen') return classifyQuery(tokens, from, to);
  if (first.type !== 'word') return statementClass('write', false, 1, 'not a recognised statement');
  const span = { tokens, from, to };
  const w = first.value;
  if (QUERY_STARTERS.has(w)) return classifyQuery(tokens, from, to);
  switch (w) {
    case 'show':
      return statementClass('show', true, 4, 'SHOW is read-only');
    case 'explain':
      return classifyExplain(tokens, from, to);
    case 'copy':
      return classifyCopy(tokens, from, to);
    case 'begin':
    case 'start':
      return classifyBegin(span);
    case 'commit':
    case 'end':
      return classifyCommit(span);
    case 'rollback':
    case 'abort':
      return classifyRollback(span);
    case 'savepoint':
    case 'release':
      return statementClass('savepoint', false, 11, 'savepoints count as a write');
    case 'set':
      return classifySet(span);
    case 'reset':
      return classifyReset(span);
    case 'discard':
      return statementClass('discard', false, 8, 'DISCARD changes session state', {
        discards: tokens[from + 1]?.value === 'temporary' ? 'temp' : tokens[from + 1]?.value,
      });
    case 'deallocate':
      return classifyDeallocate(span);
    case 'execute':
      return classifyExecute(span);
    case 'prepare':
      return classifyPrepare(span, (innerFrom) => classifyOne(tokens, innerFrom, to));
    case 'create':
      return classifyCreate(tokens, from, to);
    default:
      return classifyWrite(tokens, from, to, w);
  }
}

function classifyWrite(tokens: SqlToken[], from: number, to: number, w: string): StatementClass {
  const scan = scanQuery(tokens, from, to);
  const reason = WRITE_REASONS[w] ?? `${w.toUpperCase()} is not known to be read-only`;
  return statementClass('write', false, 1, reason, {
    tables: scan.tables,
    writtenTables: scan.writtenTables,
    functions: scan.functions,
  });
}

// CREATE TEMP/UNLOGGED TABLE is DDL; remembering the name lets later reads of it go to the primary (rule 2).
function classifyCreate(tokens: SqlToken[], from: number, to: number): StatementClass {
  const cls = classifyWrite(tokens, from, to, 'create');
  let i = from + 1;
  let persistence = '';
  while (i < to && tokens[i].type === 'word' && ['temp', 'temporary', 'unlogged', 'local', 'global'].includes(tokens[i].value)) {
    if (tokens[i].value !== 'local' && tokens[i].value !== 'global') persistence = tokens[i].value;
    i++;
  }
  if (persistence === '' || tokens[i]?.value !== 'table' || tokens[i].type !== 'word') return cls;
  i++;
  if (tokens[i]?.value === 'if' && tokens[i + 1]?.value === 'not' && tokens[i + 2]?.value === 'exists') i += 3;
  const name = tokens[i]?.value;
  if (name === undefined) return cls;
  if (persistence === 'unlogged') cls.createdUnloggedTables = [name];
  else cls.createdTempTables = [name];
  return cls;
}

function classifyQuery(tokens: SqlToken[], from: number, to: number): StatementClass {
  const scan = scanQuery(tokens, from, to);
  const found = { tables: scan.tables, writtenTables: scan.writtenTables, functions: scan.functions };
  if (scan.selectInto) {
    const into = scan.intoTable;
    return statementClass('write', false, 2, 'SELECT INTO creates a table', {
      ...found,
      createdTempTables: into?.persistence === 'temporary' ? [into.name] : [],
      createdUnloggedTables: into?.persistence === 'unlogged' ? [into.name] : [],
    });
  }
  if (scan.lockingClause) return statementClass('write', false, 2, 'SELECT with a locking clause', found);
  if (scan.dataModifyingCte) return statementClass('write', false, 2, 'data-modifying WITH query', found);
  if (scan.writtenTables.length > 0) return statementClass('write', false, 1, 'data modification', found);
  const perNode = scan.tables.find((t) => PER_NODE_VIEW.test(t));
  if (perNode !== undefined) {
    return statementClass('write', false, 2, `${perNode} differs per node; the primary's answer is the one wanted`, found);
  }
  return statementClass('read', true, 4, 'read-only query', found);
}

// EXPLAIN <read> is balanced; EXPLAIN ANALYZE <write> executes the write; plain EXPLAIN of a write stays on the
// primary too, because rule 1 balances only what is provably read-only.
function classifyExplain(tokens: SqlToken[], from: number, to: number): StatementClass {
  let i = from + 1;
  let analyze = false;
  if (tokens[i]?.type === 'lparen') {
    for (i++; i < to && tokens[i].type !== 'rparen'; i++) {
      const option = tokens[i].value;
      if (option === 'analyze' || option === 'analyse') {
        const value = tokens[i + 1]?.value;
        analyze = !(value === 'false' || value === 'off' || value === '0');
      }
    }
    i++;
  } else {
    while (i < to && tokens[i].type === 'word' && ['analyze', 'analyse', 'verbose'].includes(tokens[i].value)) {
      if (tokens[i].value !== 'verbose') analyze = true;
      i++;
    }
  }
  if (i >= to) return statementClass('write', false, 1, 'malformed EXPLAIN');
  const inner = classifyOne(tokens, i, to);
  const found = { tables: inner.tables, writtenTables: inner.writtenTables, functions: inner.functions };
  if (inner.readOnly) return statementClass('read', true, 4, 'EXPLAIN of a read-only statement', found);
  const reason = analyze ? 'EXPLAIN ANALYZE executes a write' : 'EXPLAIN of a statement that is not read-only';
  return statementClass('write', false, 4, reason, found);
}

// COPY t TO STDOUT and COPY (SELECT …) TO STDOUT are reads; COPY FROM, COPY to a server file/program are not.
function classifyCopy(tokens: SqlToken[], from: number, to: number): StatementClass {
  let i = from + 1;
  let found: Pick<StatementClass, 'tables' | 'writtenTables' | 'functions'>;
  let innerReadOnly = true;
  if (tokens[i]?.type === 'lparen') {
    const open = i;
    for (let depth = 0; i < to; i++) {
      if (tokens[i].type === 'lparen') depth++;
      else if (tokens[i].type === 'rparen' && --depth === 0) break;
    }
    const inner = classifyOne(tokens, open + 1, i);
    innerReadOnly = inner.readOnly;
    found = { tables: inner.tables, writtenTables: inner.writtenTables, functions: inner.functions };
    i++;
  } else {
    const parts: string[] = [];
    for (; i < to && (tokens[i].type === 'word' || tokens[i].type === 'qident'); i += 2) {
      parts.push(tokens[i].value);
      if (tokens[i + 1]?.type !== 'dot') break;
    }
    found = { tables: [parts.join('.')], writtenTables: [], functions: [] };
    while (i < to && !(tokens[i].type === 'word' && (tokens[i].value === 'to' || tokens[i].value === 'from'))) i++;
  }
  const toClient = tokens[i]?.value === 'to' && tokens[i + 1]?.value === 'stdout';
  if (!toClient) return statementClass('write', false, 1, 'COPY FROM or COPY to a server file/program', found);
  if (!innerReadOnly) return statementClass('write', false, 1, 'COPY of a data-modifying query', found);
  return statementClass('read', true, 4, 'COPY … TO STDOUT is read-only', found);
}
