// Reads the transaction mode lists of BEGIN, START TRANSACTION, SET TRANSACTION and SET SESSION CHARACTERISTICS,
// and isolation level values of default_transaction_isolation.

import type { SqlToken } from './sql-lexer.ts';
import type { IsolationLevel, TransactionEffect } from './statement-class.ts';

const ISOLATION_LEVELS: Record<string, IsolationLevel> = {
  'read uncommitted': 'read uncommitted',
  'read committed': 'read committed',
  'repeatable read': 'repeatable read',
  serializable: 'serializable',
};

/** Parses `ISOLATION LEVEL x, READ ONLY | READ WRITE, [NOT] DEFERRABLE` between from and to. */
export function parseTransactionModes(tokens: SqlToken[], from: number, to: number): TransactionEffect {
  const effect: TransactionEffect = {};
  const words = tokens
    .slice(from, to)
    .filter((t) => t.type === 'word')
    .map((t) => t.value);
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'isolation' && words[i + 1] === 'level') {
      const level = words[i + 2] === 'serializable' ? 'serializable' : `${words[i + 2]} ${words[i + 3]}`;
      effect.isolation = ISOLATION_LEVELS[level];
      i += effect.isolation === 'serializable' ? 2 : 3;
    } else if (words[i] === 'read' && words[i + 1] === 'only') effect.readOnly = true;
    else if (words[i] === 'read' && words[i + 1] === 'write') effect.readOnly = false;
  }
  return effect;
}

/** An isolation level written as a SET value: `serializable`, `'repeatable read'`, "read committed", or DEFAULT. */
export function parseIsolationValue(tokens: SqlToken[], from: number, to: number): IsolationLevel | undefined {
  const text = tokens
    .slice(from, to)
    .map((t) => (t.type === 'string' ? t.value.slice(1, -1) : t.value))
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (text === 'default') return 'read committed';
  return ISOLATION_LEVELS[text];
}
