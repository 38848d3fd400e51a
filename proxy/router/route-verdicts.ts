// The two questions behind every decision: is this statement a write (rules 1–3, 5–8, 11), and may a read be
// balanced in the session's current state (rules 9, 10, 12, 14)? Node choice is node-selection.ts's job.

import type { FunctionVolatility } from './function-volatility.ts';
import type { RelationPersistence } from './relation-persistence.ts';
import type { RouterConfig } from './router-config.ts';
import type { SessionRouteState } from './session-route-state.ts';
import type { StatementClass } from './statement-class.ts';

export interface Verdict {
  balanced: boolean;
  rule: number;
  reason: string;
  /** Counts as a write for rules 10, 11 and 14. */
  write?: boolean;
}

interface VerdictSources {
  config: RouterConfig;
  functions: FunctionVolatility;
  relations: RelationPersistence;
  matchesPrimaryPattern(sql: string): boolean;
}

const primary = (rule: number, reason: string, write = false): Verdict => ({ balanced: false, rule, reason, write });
const balanced = (rule: number, reason: string): Verdict => ({ balanced: true, rule, reason });

/** The verdict when the statement itself decides (a write, a hint, a pattern, transaction control); else undefined. */
export function writeVerdict(
  sources: VerdictSources,
  session: SessionRouteState,
  cls: StatementClass,
  sql: string,
): Verdict | undefined {
  const write = statementWrite(sources, session, cls);
  if (cls.forcePrimary) return primary(5, 'routing hint in the leading comment', write !== undefined);
  if (sources.matchesPrimaryPattern(sql)) return primary(7, 'matches primaryRoutingPatterns', write !== undefined);
  if (write !== undefined) return write;
  return transactionControl(sources.config, session, cls);
}

const TRANSACTION_CONTROL = new Set(['begin', 'commit', 'rollback', 'set-transaction']);

function statementWrite(sources: VerdictSources, session: SessionRouteState, cls: StatementClass): Verdict | undefined {
  if (TRANSACTION_CONTROL.has(cls.kind)) return undefined;
  if (cls.kind === 'multi' && !cls.readOnly) {
    // Not balanced (rule 6), but a write only if one of its statements writes: BEGIN; SELECT is not a write.
    const partWrites = cls.parts?.some((p) => !p.readOnly && !TRANSACTION_CONTROL.has(p.kind)) ?? true;
    return primary(6, cls.reason, partWrites || catalogWrite(sources, session, cls) !== undefined);
  }
  if (!cls.readOnly) return primary(cls.rule, cls.reason, true);
  return catalogWrite(sources, session, cls);
}

// Rules 2 and 3 need the catalog: functions that are not read-only, temporary or unlogged tables.
function catalogWrite(sources: VerdictSources, session: SessionRouteState, cls: StatementClass): Verdict | undefined {
  const database = session.identity.database;
  const writer = sources.functions.firstWrite(cls.functions, database);
  if (writer !== undefined) return primary(3, writer.reason, true);
  for (const table of cls.tables) {
    const why = sources.relations.primaryOnlyReason(table, session.tempTables, database);
    if (why !== undefined) return primary(2, `${why}; a standby cannot read it`, true);
  }
  return undefined;
}

function transactionControl(config: RouterConfig, session: SessionRouteState, cls: StatementClass): Verdict | undefined {
  const effect = cls.transaction;
  if (cls.kind === 'begin') {
    const isolation = effect?.isolation ?? session.sessionIsolation;
    if (isolation === 'serializable') return primary(9, 'SERIALIZABLE transactions run on the primary');
    if (effect?.readOnly && sessionPinned(config, session) === undefined) return balanced(12, cls.reason);
    return primary(10, 'the transaction starts on the primary; its reads join on the load-balance node');
  }
  if (cls.kind === 'commit' || cls.kind === 'rollback') return primary(10, cls.reason);
  if (cls.kind === 'set-transaction') return primary(cls.rule, cls.reason);
  return undefined;
}

// Session-wide modes guard read-your-writes across transactions; they win even over BEGIN READ ONLY (rule 12).
function sessionPinned(config: RouterConfig, session: SessionRouteState): Verdict | undefined {
  const mode = config.disableLoadBalanceOnWrite;
  if (mode === 'always' && session.sessionWrote) {
    return primary(14, 'disableLoadBalanceOnWrite=always: the session has written');
  }
  if (mode === 'trans_transaction' && session.inTransaction && session.wroteInTransaction && !session.transactionWrote) {
    return primary(14, 'disableLoadBalanceOnWrite=trans_transaction: an earlier transaction of the session wrote');
  }
  return undefined;
}

/** May a read-only statement be balanced in the session's current state? */
export function readVerdict(config: RouterConfig, session: SessionRouteState, cls: StatementClass): Verdict {
  if (session.effectiveIsolation === 'serializable') {
    return primary(9, 'SERIALIZABLE runs on the primary (hot standbys cannot)');
  }
  const pinned = sessionPinned(config, session);
  if (pinned !== undefined) return pinned;
  if (!session.inTransaction) return balanced(cls.rule, cls.reason);
  if (session.transactionReadOnly) return balanced(12, 'a READ ONLY transaction is balanced throughout');
  if (!session.transactionWrote) return balanced(10, 'a read before the transaction\'s first write');
  return afterWriteInTransaction(config, session, cls);
}

function afterWriteInTransaction(config: RouterConfig, session: SessionRouteState, cls: StatementClass): Verdict {
  switch (config.disableLoadBalanceOnWrite) {
    case 'off':
      return balanced(14, 'disableLoadBalanceOnWrite=off: reads are balanced even after a write');
    case 'dml_adaptive': {
      const touched = writtenOrDependent(config, session);
      const hit = cls.tables.find((t) => touched.has(unqualified(t)));
      if (hit === undefined) return balanced(14, 'dml_adaptive: reads no table written in this transaction');
      return primary(14, `dml_adaptive: ${hit} was written (or depends on a table written) in this transaction`);
    }
    default:
      return primary(10, 'the transaction has written; the rest of it runs on the primary');
  }
}

function writtenOrDependent(config: RouterConfig, session: SessionRouteState): Set<string> {
  const touched = new Set<string>();
  for (const table of session.transactionWrittenTables) {
    touched.add(unqualified(table));
    for (const dependent of config.dmlAdaptiveDependencies[unqualified(table)] ?? []) touched.add(unqualified(dependent));
  }
  return touched;
}

function unqualified(table: string): string {
  const dot = table.lastIndexOf('.');
  return dot < 0 ? table : table.slice(dot + 1);
}
