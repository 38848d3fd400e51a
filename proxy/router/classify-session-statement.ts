// Classes of the statements that control transactions and session state (rules 8, 9, 11, 12, 16).

import type { SqlToken } from './sql-lexer.ts';
import { statementClass, type StatementClass } from './statement-class.ts';
import { parseIsolationValue, parseTransactionModes } from './transaction-modes.ts';

interface Span {
  tokens: SqlToken[];
  from: number;
  to: number;
}

function word(span: Span, i: number): string | undefined {
  const t = span.tokens[i];
  return i < span.to && t.type === 'word' ? t.value : undefined;
}

/** A name (word or quoted identifier) at i, within the statement. */
function name(span: Span, i: number): string | undefined {
  const t = span.tokens[i];
  return i < span.to && (t.type === 'word' || t.type === 'qident') ? t.value : undefined;
}

export function classifyBegin(span: Span): StatementClass {
  const effect = { ...parseTransactionModes(span.tokens, span.from + 1, span.to), begins: true };
  if (effect.isolation === 'serializable') {
    return statementClass('begin', true, 9, 'SERIALIZABLE transactions run on the primary', { transaction: effect });
  }
  if (effect.readOnly) {
    return statementClass('begin', true, 12, 'a READ ONLY transaction is balanced throughout', { transaction: effect });
  }
  return statementClass('begin', true, 10, 'opens a transaction', { transaction: effect });
}

export function classifyCommit(span: Span): StatementClass {
  if (word(span, span.from + 1) === 'prepared') {
    return statementClass('write', false, 1, 'two-phase commit command');
  }
  return statementClass('commit', true, 10, 'ends the transaction', { transaction: endEffect(span, 'commit') });
}

export function classifyRollback(span: Span): StatementClass {
  const next = word(span, span.from + 1);
  if (next === 'prepared') return statementClass('write', false, 1, 'two-phase commit command');
  const afterWork = next === 'work' || next === 'transaction' ? word(span, span.from + 2) : next;
  if (afterWork === 'to') return statementClass('savepoint', false, 11, 'ROLLBACK TO SAVEPOINT counts as a write');
  return statementClass('rollback', true, 10, 'ends the transaction', { transaction: endEffect(span, 'rollback') });
}

// COMMIT AND CHAIN ends the transaction and immediately opens the next one.
function endEffect(span: Span, ends: 'commit' | 'rollback'): StatementClass['transaction'] {
  for (let i = span.from; i < span.to; i++) {
    if (word(span, i) === 'and' && word(span, i + 1) === 'chain') return { ends, begins: true };
  }
  return { ends };
}

export function classifySet(span: Span): StatementClass {
  let i = span.from + 1;
  const scope = word(span, i);
  if (scope === 'local') return statementClass('set-local', false, 11, 'SET LOCAL counts as a write');
  if (scope === 'session' && word(span, i + 1) === 'characteristics') {
    return sessionDefault(parseTransactionModes(span.tokens, i + 2, span.to).isolation);
  }
  if (scope === 'session') i++;
  const target = word(span, i);
  if (target === 'transaction') return setTransaction(span, i + 1);
  if (target === 'default_transaction_isolation') return sessionDefault(parseIsolationValue(span.tokens, i + 2, span.to));
  if (target === 'transaction_isolation') {
    return setTransaction(span, span.to, parseIsolationValue(span.tokens, i + 2, span.to));
  }
  return statementClass('set-session', false, 8, 'changes session state');
}

function setTransaction(span: Span, modesFrom: number, isolation?: StatementClass['sessionIsolation']): StatementClass {
  const effect = { ...parseTransactionModes(span.tokens, modesFrom, span.to) };
  if (isolation) effect.isolation = isolation;
  if (effect.isolation === 'serializable') {
    return statementClass('set-transaction', true, 9, 'SERIALIZABLE transactions run on the primary', {
      transaction: effect,
    });
  }
  return statementClass('set-transaction', true, 11, 'SET TRANSACTION does not count as a write', {
    transaction: effect,
  });
}

function sessionDefault(isolation: StatementClass['sessionIsolation']): StatementClass {
  const rule = isolation === 'serializable' ? 9 : 8;
  return statementClass('set-session', false, rule, 'changes the session default isolation level', {
    sessionIsolation: isolation,
  });
}

export function classifyReset(span: Span): StatementClass {
  const target = word(span, span.from + 1);
  if (target === 'all' || target === 'default_transaction_isolation') {
    return statementClass('set-session', false, 8, 'resets session state', { sessionIsolation: 'read committed' });
  }
  return statementClass('set-session', false, 8, 'resets session state');
}

export function classifyDeallocate(span: Span): StatementClass {
  let i = span.from + 1;
  if (word(span, i) === 'prepare') i++;
  if (word(span, i) === 'all') return statementClass('deallocate', false, 8, 'DEALLOCATE ALL changes session state');
  return statementClass('deallocate', false, 16, 'follows the prepared statement', { preparedName: name(span, i) });
}

export function classifyExecute(span: Span): StatementClass {
  return statementClass('execute', false, 16, 'follows the class of the prepared statement', {
    preparedName: name(span, span.from + 1),
  });
}

/** PREPARE name [(types)] AS statement; `inner` classifies the prepared statement's tokens. */
export function classifyPrepare(span: Span, inner: (from: number) => StatementClass): StatementClass {
  if (word(span, span.from + 1) === 'transaction') {
    return statementClass('write', false, 1, 'two-phase commit command', { transaction: { ends: 'prepare' } });
  }
  const preparedName = name(span, span.from + 1);
  let i = span.from + 2;
  if (span.tokens[i]?.type === 'lparen') {
    let depth = 0;
    for (; i < span.to; i++) {
      const type = span.tokens[i].type;
      if (type === 'lparen') depth++;
      else if (type === 'rparen' && --depth === 0) break;
    }
    i++;
  }
  if (word(span, i) !== 'as' || preparedName === undefined) return statementClass('write', false, 1, 'malformed PREPARE');
  const prepared = inner(i + 1);
  return statementClass('prepare', false, 16, 'prepares a statement; EXECUTE follows its class', {
    preparedName,
    prepared,
    tables: prepared.tables,
    functions: prepared.functions,
  });
}
