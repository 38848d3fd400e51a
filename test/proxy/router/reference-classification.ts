// The routing class of a statement derived from PostgreSQL's real parse tree (libpg-query): the yardstick the
// token-level classifier is checked against. Written from the node types, independently of the classifier's code.

import type { StatementKind } from '../../../proxy/router/statement-class.ts';

export interface ReferenceClass {
  kind: StatementKind;
  readOnly: boolean;
  /** Only for statements whose relations and calls the router reads (queries, DML, EXPLAIN/COPY/PREPARE of them). */
  names?: { tables: string[]; writtenTables: string[]; functions: string[] };
  /** PREPARE: the prepared statement's own class. */
  prepared?: ReferenceClass;
}

type Node = Record<string, unknown>;

const PER_NODE_VIEWS = /^(pg_catalog\.)?(pg_stat_\w*|pg_statio_\w*|pg_locks|pg_replication_slots|pg_prepared_xacts)$/;
const DML_NODES = ['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'];
// SQL-syntax spellings the parser rewrites to another function name (TRIM(BOTH … FROM …) → btrim).
const SQL_SYNTAX_NAMES: Record<string, string> = { btrim: 'trim', ltrim: 'trim', rtrim: 'trim' };
// Operators the parser turns into calls (AT TIME ZONE, SIMILAR TO, OVERLAPS): not written as calls, and all
// immutable or stable built-ins, so the router has no reason to see them.
const OPERATOR_CALLS = new Set(['timezone', 'similar_to_escape', 'overlaps']);

interface TreeFacts {
  tables: string[];
  writtenTables: string[];
  functions: string[];
  cteNames: Set<string>;
  intoTarget: boolean;
  locking: boolean;
  modifyingCte: boolean;
}

function relationName(rangeVar: Node): string {
  return [rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname].filter((p) => typeof p === 'string').join('.');
}

function stringValue(node: unknown): string {
  return ((node as { String?: { sval?: string } }).String?.sval ?? '') as string;
}

/** Walks any subtree collecting relations, calls, CTEs, locking clauses and data-modifying statements. */
function collect(tree: unknown, facts: TreeFacts, insideCte = false): void {
  if (Array.isArray(tree)) {
    for (const item of tree) collect(item, facts, insideCte);
    return;
  }
  if (tree === null || typeof tree !== 'object') return;
  const node = tree as Node;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'RangeVar') facts.tables.push(relationName(value as Node));
    else if (key === 'FuncCall' && !isOperatorCall(value as Node)) facts.functions.push(functionName(value as Node));
    else if (key === 'lockingClause') {
      facts.locking = true;
      continue; // FOR UPDATE OF names range aliases, not relations
    } else if (key === 'intoClause') {
      facts.intoTarget = true;
      continue; // the SELECT INTO target is created, not read
    } else if (key === 'CommonTableExpr') facts.cteNames.add((value as Node).ctename as string);
    else if (DML_NODES.includes(key)) {
      const target = relationName((value as Node).relation as Node);
      facts.writtenTables.push(target);
      facts.tables.push(target);
      if (insideCte) facts.modifyingCte = true;
    }
    if (key === 'RangeVar') continue;
    collect(value, facts, insideCte || key === 'ctequery');
  }
}

function isOperatorCall(call: Node): boolean {
  const parts = call.funcname as unknown[];
  return parts.length === 2 && stringValue(parts[0]) === 'pg_catalog' && OPERATOR_CALLS.has(stringValue(parts[1]));
}

function functionName(call: Node): string {
  const parts = call.funcname as unknown[];
  const last = stringValue(parts[parts.length - 1]);
  return call.funcformat === 'COERCE_SQL_SYNTAX' ? (SQL_SYNTAX_NAMES[last] ?? last) : last;
}

function factsOf(tree: unknown): TreeFacts {
  const facts: TreeFacts = {
    tables: [],
    writtenTables: [],
    functions: [],
    cteNames: new Set(),
    intoTarget: false,
    locking: false,
    modifyingCte: false,
  };
  collect(tree, facts);
  return facts;
}

function names(facts: TreeFacts): ReferenceClass['names'] {
  const sorted = (values: string[]) => [...new Set(values)].sort();
  return {
    tables: sorted(facts.tables.filter((t) => !facts.cteNames.has(t))),
    writtenTables: sorted(facts.writtenTables),
    functions: sorted(facts.functions),
  };
}

function query(tree: unknown): ReferenceClass {
  const facts = factsOf(tree);
  const readOnly =
    !facts.intoTarget &&
    !facts.locking &&
    facts.writtenTables.length === 0 &&
    !facts.tables.some((t) => PER_NODE_VIEWS.test(t));
  return { kind: readOnly ? 'read' : 'write', readOnly, names: names(facts) };
}

const TRANSACTION_KINDS: Record<string, StatementKind> = {
  TRANS_STMT_BEGIN: 'begin',
  TRANS_STMT_START: 'begin',
  TRANS_STMT_COMMIT: 'commit',
  TRANS_STMT_ROLLBACK: 'rollback',
  TRANS_STMT_SAVEPOINT: 'savepoint',
  TRANS_STMT_RELEASE: 'savepoint',
  TRANS_STMT_ROLLBACK_TO: 'savepoint',
};

const fixed = (kind: StatementKind, readOnly: boolean): ReferenceClass => ({ kind, readOnly });

/** The reference class of one parsed statement (a `stmt` of libpg-query's parse result). */
export function referenceClass(stmt: Node): ReferenceClass {
  const [type, body] = Object.entries(stmt)[0] as [string, Node];
  switch (type) {
    case 'SelectStmt':
      return query(stmt);
    case 'InsertStmt':
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'MergeStmt':
      return { kind: 'write', readOnly: false, names: names(factsOf(stmt)) };
    case 'ExplainStmt':
      return explain(body);
    case 'CopyStmt':
      return copy(body);
    case 'TransactionStmt': {
      const kind = TRANSACTION_KINDS[body.kind as string] ?? 'write';
      return fixed(kind, kind !== 'write' && kind !== 'savepoint');
    }
    case 'VariableSetStmt':
      return variableSet(body);
    case 'VariableShowStmt':
      return fixed('show', true);
    case 'DiscardStmt':
      return fixed('discard', false);
    case 'DeallocateStmt':
      return fixed('deallocate', false);
    case 'ExecuteStmt':
      return fixed('execute', false);
    case 'PrepareStmt': {
      const prepared = referenceClass(body.query as Node);
      return { kind: 'prepare', readOnly: false, names: prepared.names, prepared };
    }
    default:
      return fixed('write', false);
  }
}

function explain(body: Node): ReferenceClass {
  const inner = referenceClass(body.query as Node);
  return { kind: inner.readOnly ? 'read' : 'write', readOnly: inner.readOnly, names: inner.names };
}

function copy(body: Node): ReferenceClass {
  const toClient = !body.is_from && !body.is_program && body.filename === undefined;
  const inner = body.query ? referenceClass(body.query as Node) : undefined;
  const table = body.relation ? [relationName(body.relation as Node)] : [];
  const found = inner?.names ?? { tables: table, writtenTables: [], functions: [] };
  const readOnly = toClient && (inner?.readOnly ?? true);
  return { kind: readOnly ? 'read' : 'write', readOnly, names: found };
}

function variableSet(body: Node): ReferenceClass {
  if (body.name === 'TRANSACTION' || body.name === 'transaction_isolation') return fixed('set-transaction', true);
  if (body.is_local) return fixed('set-local', false);
  return fixed('set-session', false);
}
