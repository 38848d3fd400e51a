// What the classifier knows about one statement text, independent of any session: the unit the classification
// cache stores. Anything that can change over time (function volatility, table persistence, session state) is
// evaluated at routing time from the names recorded here.

export type StatementKind =
  | 'read' // provably read-only by its text (may still turn into a write through rule 2/3 checks at routing time)
  | 'write'
  | 'show'
  | 'begin'
  | 'commit'
  | 'rollback'
  | 'savepoint' // SAVEPOINT, RELEASE, ROLLBACK TO: a write for rule 11
  | 'set-session' // SET, RESET, SET SESSION CHARACTERISTICS, default_transaction_isolation
  | 'set-local'
  | 'set-transaction'
  | 'discard'
  | 'deallocate'
  | 'prepare' // SQL PREPARE name AS …
  | 'execute' // SQL EXECUTE name
  | 'empty'
  | 'multi'; // several statements in one simple Query

export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionEffect {
  begins?: boolean;
  ends?: 'commit' | 'rollback' | 'prepare';
  readOnly?: boolean;
  isolation?: IsolationLevel;
}

export interface StatementClass {
  kind: StatementKind;
  /** True when the text alone proves the statement read-only (functions and tables are checked later). */
  readOnly: boolean;
  /** The rule of routing.md that decided the class. */
  rule: number;
  reason: string;
  /** Routing hint from a leading comment (rule 5). */
  forcePrimary?: boolean;
  transaction?: TransactionEffect;
  /** New session default isolation (SET SESSION CHARACTERISTICS / default_transaction_isolation / RESET). */
  sessionIsolation?: IsolationLevel;
  /** Relations read or written, as written (`schema.name` when qualified); CTE names excluded. */
  tables: string[];
  /** Targets of INSERT/UPDATE/DELETE/MERGE, including data-modifying CTEs. */
  writtenTables: string[];
  /** Called functions by unqualified name. */
  functions: string[];
  /** Tables this statement creates as TEMPORARY (rule 2: later reads of them go to the primary). */
  createdTempTables: string[];
  /** Tables this statement creates as UNLOGGED. */
  createdUnloggedTables: string[];
  /** PREPARE / EXECUTE / DEALLOCATE: the statement name (DEALLOCATE ALL: undefined). */
  preparedName?: string;
  /** DISCARD: what it discards (all, plans, sequences, temp). */
  discards?: string;
  /** PREPARE: the class of the prepared statement (rule 16). */
  prepared?: StatementClass;
  /** multi: the class of each statement, in order (rule 6). */
  parts?: StatementClass[];
}

export function statementClass(
  kind: StatementKind,
  readOnly: boolean,
  rule: number,
  reason: string,
  extra: Partial<StatementClass> = {},
): StatementClass {
  return {
    kind,
    readOnly,
    rule,
    reason,
    tables: [],
    writtenTables: [],
    functions: [],
    createdTempTables: [],
    createdUnloggedTables: [],
    ...extra,
  };
}

/** Statement kinds that open or close a transaction block. */
export function changesTransaction(cls: StatementClass): boolean {
  return cls.transaction?.begins === true || cls.transaction?.ends !== undefined;
}

/** How the statement (or the last statement of a multi-statement query that ends one) ends a transaction. */
export function transactionEnding(cls: StatementClass): NonNullable<StatementClass['transaction']>['ends'] {
  if (cls.parts === undefined) return cls.transaction?.ends;
  return cls.parts.findLast((p) => p.transaction?.ends !== undefined)?.transaction?.ends;
}

/** Whether the statement (or a statement of a multi-statement query) opens a transaction. */
export function opensTransaction(cls: StatementClass): boolean {
  return cls.transaction?.begins === true || (cls.parts?.some((p) => p.transaction?.begins === true) ?? false);
}
