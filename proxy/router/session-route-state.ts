// What the router remembers per client session. Fed by the statements the client sends (optimistically, so pipelined
// statements route right before the server answers) and corrected by every ReadyForQuery: the server is the truth
// for in/out of a transaction and for aborted.

import { changesTransaction, type IsolationLevel, type StatementClass } from './statement-class.ts';
import { noRecentStatement, type RecentStatement } from './classification-cache.ts';

export type TransactionStatus = 'I' | 'T' | 'E';

/** A statement prepared by name, with the nodes it exists on (rules 15 and 16). */
export interface PreparedRoute {
  cls: StatementClass;
  /** Parse: the statement text; SQL PREPARE: the whole PREPARE command, ready to replay on another node. */
  text: string;
  preparedOn: Set<string>;
}

export interface SessionIdentity {
  applicationName?: string;
  database?: string;
  user?: string;
}

export class SessionRouteState {
  readonly identity: SessionIdentity;
  transactionStatus: TransactionStatus = 'I';
  /** The node whose transaction failed: the only place the rest of an aborted transaction may go (rule 13). */
  abortedOn: string | undefined;
  /** Nodes that have seen this transaction's BEGIN. */
  readonly transactionNodes = new Set<string>();
  transactionWrote = false;
  transactionReadOnly = false;
  transactionIsolation: IsolationLevel | undefined;
  readonly transactionWrittenTables = new Set<string>();
  /** Any write in this session (disableLoadBalanceOnWrite = always). */
  sessionWrote = false;
  /** A write inside an explicit transaction of this session (disableLoadBalanceOnWrite = trans_transaction). */
  wroteInTransaction = false;
  sessionIsolation: IsolationLevel = 'read committed';
  /** The server's standard_conforming_strings for this session (from ParameterStatus); changes how '\\' lexes. */
  standardConformingStrings = true;
  /** The last statement classified for this session (classification-cache.ts). */
  readonly recentStatement: RecentStatement = noRecentStatement();
  /** The session's load-balance node (rule 17). */
  balancedNodeId: string | undefined;
  readonly tempTables = new Set<string>();
  /** Protocol-level named statements; '' is the unnamed statement. */
  readonly statements = new Map<string, PreparedRoute>();
  /** Portal name → the node its Bind went to. */
  readonly portals = new Map<string, string>();
  /** SQL-level PREPAREd statements. */
  readonly sqlPrepared = new Map<string, PreparedRoute>();

  constructor(identity: SessionIdentity = {}) {
    this.identity = identity;
  }

  get inTransaction(): boolean {
    return this.transactionStatus !== 'I';
  }

  /** The isolation level the next statement runs under. */
  get effectiveIsolation(): IsolationLevel {
    return (this.inTransaction ? this.transactionIsolation : undefined) ?? this.sessionIsolation;
  }

  /** ReadyForQuery from a backend node: 'I' idle, 'T' in a transaction, 'E' in a failed transaction. */
  onReadyForQuery(status: TransactionStatus, nodeId: string): void {
    if (status === 'I') {
      if (this.inTransaction) this.endTransaction();
      if (this.portals.size > 0) this.portals.clear();
      return;
    }
    if (!this.inTransaction) this.startTransaction({});
    this.transactionNodes.add(nodeId);
    this.transactionStatus = status;
    if (status === 'E') this.abortedOn = nodeId;
  }

  /** Applies what a statement routed to nodeId does to the session; `wrote` is the router's rule-11 verdict. */
  record(cls: StatementClass, nodeId: string | undefined, wrote: boolean): void {
    if (cls.kind === 'multi' && cls.parts) {
      // The write verdict is for the whole query; transaction control parts are not what wrote.
      for (const part of cls.parts) {
        this.recordOne(part, nodeId, wrote && !changesTransaction(part) && part.kind !== 'set-transaction');
      }
      return;
    }
    this.recordOne(cls, nodeId, wrote);
  }

  private recordOne(cls: StatementClass, nodeId: string | undefined, wrote: boolean): void {
    const effect = cls.transaction;
    if (effect?.ends !== undefined && this.inTransaction) this.endTransaction();
    if (effect?.begins && !this.inTransaction) this.startTransaction(effect);
    if (cls.kind === 'set-transaction' && this.inTransaction) {      if (effect?.isolation) this.transactionIsolation = effect.isolation;
      if (effect?.readOnly !== undefined) this.transactionReadOnly = effect.readOnly;
    }
    if (cls.sessionIsolation) this.sessionIsolation = cls.sessionIsolation;
    if (cls.kind === 'deallocate' && cls.preparedName === undefined) this.forgetPrepared();
    for (const name of cls.createdTempTables) this.tempTables.add(name);
    if (cls.kind === 'discard') this.discard(cls.discards);
    if (this.inTransaction && nodeId !== undefined) this.transactionNodes.add(nodeId);
    if (!wrote) return;
    this.sessionWrote = true;
    if (!this.inTransaction) return;
    this.transactionWrote = true;
    this.wroteInTransaction = true;
    for (const table of cls.writtenTables) this.transactionWrittenTables.add(table);
  }

  /**
   * The BEGIN that opens this transaction on a node it reaches later, with the transaction's modes (from BEGIN or
   * SET TRANSACTION), so every node runs it the same way. Built from the modes, not copied from the client's text,
   * which may hold other statements too.
   */
  get beginStatement(): string {
    const isolation = this.transactionIsolation ? ` ISOLATION LEVEL ${this.transactionIsolation.toUpperCase()}` : '';
    return `BEGIN${isolation}${this.transactionReadOnly ? ' READ ONLY' : ''}`;
  }

  private startTransaction(effect: NonNullable<StatementClass['transaction']>): void {
    this.transactionStatus = 'T';
    this.transactionReadOnly = effect.readOnly ?? false;
    this.transactionIsolation = effect.isolation;
  }

  private endTransaction(): void {
    this.transactionStatus = 'I';
    this.abortedOn = undefined;
    this.transactionNodes.clear();
    this.transactionWrote = false;
    this.transactionReadOnly = false;
    this.transactionIsolation = undefined;
    this.transactionWrittenTables.clear();
  }

  // DISCARD ALL also runs RESET ALL and DEALLOCATE ALL.
  private discard(what: string | undefined): void {
    if (what === 'all' || what === 'temp') this.tempTables.clear();
    if (what !== 'all') return;
    this.forgetPrepared();
    this.sessionIsolation = 'read committed';
  }

  // SQL PREPARE and protocol Parse share one namespace on the server: DEALLOCATE ALL drops both kinds.
  private forgetPrepared(): void {
    this.sqlPrepared.clear();
    this.statements.clear();
  }
}
