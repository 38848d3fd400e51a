// The core decision for one statement class in one session state: primary or balanced, which node, which rule,
// and what the transaction needs (open it on a new node, end it on every node). No session state is changed here
// except the session's load-balance node, chosen the first time a read needs one.

import type { CatalogLookup } from './catalog-lookup-cache.ts';
import { FunctionVolatility, type Volatility } from './function-volatility.ts';
import {
  canServeReads,
  chooseBalancedNode,
  PrimaryResolver,
  readTarget,
  type NodeChoice,
  type RandomSource,
} from './node-selection.ts';
import { RelationPersistence, type Persistence } from './relation-persistence.ts';
import type { BackendNode, BackendsSnapshot, RouterConfig } from './router-config.ts';
import { readVerdict, writeVerdict, type Verdict } from './route-verdicts.ts';
import type { SessionRouteState } from './session-route-state.ts';
import { opensTransaction, transactionEnding, type StatementClass } from './statement-class.ts';

export interface RouteDecision {
  /** The node to send the message to; undefined when no node can take it (send the client an error). */
  nodeId: string | undefined;
  /** Why that node: the primary, the session's balanced read node, or the node holding the (aborted) transaction. */
  target: 'primary' | 'balanced' | 'transaction';
  /** The rule of routing.md that decided. */
  rule: number;
  reason: string;
  statement: StatementClass;
  /** Counted as a write for rules 10, 11 and 14. */
  write: boolean;
  /** Opens ('begin') or closes ('end') a transaction block. */
  transaction?: 'begin' | 'end';
  /**
   * Other nodes that hold this transaction (end: send them `endOthersWith`) or this prepared statement
   * (Close/DEALLOCATE: send them the same message).
   */
  alsoNodes?: string[];
  /** For a transaction end: what the other nodes of the transaction get (their part of it only read). */
  endOthersWith?: 'COMMIT' | 'ROLLBACK';
  /** The transaction started elsewhere: send this BEGIN to nodeId first. */
  beginFirst?: string;
  /** The statement is not prepared on nodeId yet: prepare it there first, transparently (rules 15, 16). */
  prepareFirst?: { protocol: 'extended' | 'sql'; statementName: string; sql: string };
  /** SET/RESET/DISCARD/DEALLOCATE ALL: session state every node this client uses must see (rule 8). */
  changesSessionState?: boolean;
  /** Nodes reported as false primaries (rule 21). */
  falsePrimaries?: string[];
}

export interface QueryRouterOptions {
  /** Backs unknown function volatility with pg_proc (see VOLATILITY_QUERY). */
  functionLookup?: CatalogLookup<Volatility>;
  /** Backs unknown table persistence with pg_class (see PERSISTENCE_QUERY). */
  relationLookup?: CatalogLookup<Persistence>;
  random?: RandomSource;
}

/** Everything one routing step looks at. */
export interface RouteContext {
  session: SessionRouteState;
  backends: BackendsSnapshot;
  primary: BackendNode | undefined;
  falsePrimaries: string[];
  primaryReason: string;
}

export class RoutePlanner {
  readonly config: RouterConfig;
  readonly functions: FunctionVolatility;
  readonly relations: RelationPersistence;
  private readonly random: RandomSource;
  private readonly primaryPatterns: RegExp | undefined;
  private readonly primaries = new PrimaryResolver();

  constructor(config: RouterConfig, options: QueryRouterOptions = {}) {
    this.config = config;
    this.functions = new FunctionVolatility({ ...config, lookup: options.functionLookup });
    this.relations = new RelationPersistence(options.relationLookup);
    this.random = options.random ?? Math.random;
    const patterns = config.primaryRoutingPatterns;
    this.primaryPatterns = patterns.length > 0 ? new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i') : undefined;
  }

  matchesPrimaryPattern(sql: string): boolean {
    return this.primaryPatterns?.test(sql) ?? false;
  }

  context(session: SessionRouteState, backends: BackendsSnapshot): RouteContext {
    const resolution = this.primaries.resolve(backends);
    return {
      session,
      backends,
      primary: resolution.primary,
      falsePrimaries: resolution.falsePrimaries,
      primaryReason: resolution.reason,
    };
  }

  /** The routing decision for a class in the current session state; records nothing but the load-balance node. */
  plan(context: RouteContext, cls: StatementClass, sql: string): RouteDecision {
    const session = context.session;
    const base = { statement: cls, falsePrimaries: context.falsePrimaries.length ? context.falsePrimaries : undefined };
    const aborted = this.abortedTransaction(context, cls);
    if (aborted !== undefined) return { ...base, ...aborted, write: false };
    const verdict = writeVerdict(this, session, cls, sql) ?? readVerdict(this.config, session, cls);
    const node = verdict.balanced ? this.balanced(context, verdict) : this.toPrimary(context, verdict);
    // Built in one literal and completed in place: this runs for every statement, and spreads copy slowly.
    const decision: RouteDecision = {
      nodeId: node.nodeId,
      target: node.target,
      rule: node.rule,
      reason: node.reason,
      statement: cls,
      write: verdict.write ?? false,
      falsePrimaries: base.falsePrimaries,
    };
    this.addTransactionEffects(context, cls, decision);
    return decision;
  }

  // Rule 13: an aborted transaction stays where it failed; only that node answers 25P02 or ends it.
  private abortedTransaction(context: RouteContext, cls: StatementClass) {
    const session = context.session;
    if (session.transactionStatus !== 'E' || session.abortedOn === undefined) return undefined;
    const nodeId = session.abortedOn;
    if (transactionEnding(cls) !== undefined) {
      const alsoNodes = [...session.transactionNodes].filter((n) => n !== nodeId);
      const reason = 'ends the aborted transaction on every node holding it';
      const end = { transaction: 'end' as const, alsoNodes, endOthersWith: 'ROLLBACK' as const };
      return { nodeId, target: 'transaction' as const, rule: 13, reason, ...end };
    }
    const reason = 'the transaction is aborted; the node holding it answers with SQLSTATE 25P02';
    return { nodeId, target: 'transaction' as const, rule: 13, reason };
  }

  private toPrimary(context: RouteContext, verdict: Verdict) {
    const nodeId = context.primary?.id;
    const reason = nodeId === undefined ? `${verdict.reason}; but ${context.primaryReason}` : verdict.reason;
    return { nodeId, target: 'primary' as const, rule: verdict.rule, reason };
  }

  // The session keeps its load-balance node while the node can serve reads; a lagging node keeps it too (its reads
  // are diverted per statement, rule 19) so the session returns to it once it catches up.
  private balanced(context: RouteContext, verdict: Verdict) {
    const { session, backends, primary } = context;
    if (!this.config.loadBalancing) {
      return this.toPrimary(context, { ...verdict, rule: 17, reason: 'load balancing is off' });
    }
    let node = backends.nodes.find((n) => n.id === session.balancedNodeId);
    let choice: NodeChoice | undefined;
    const rechoose = this.config.statementLevelLoadBalance && !session.inTransaction;
    if (rechoose || node === undefined || !canServeReads(node, primary)) {
      choice = chooseBalancedNode(backends, primary, this.config, session.identity, this.random);
      node = choice.node;
      session.balancedNodeId = node?.id;
    }
    const diverted = node === undefined ? undefined : readTarget(node, backends, primary, this.config);
    const deciding = diverted ?? choice;
    const chosen = diverted?.node ?? node;
    const rule = deciding !== undefined && deciding.rule !== 17 ? deciding.rule : verdict.rule;
    const nodeReason = deciding?.reason ?? `${chosen?.name ?? 'no node'} is the session's load-balance node`;
    const target = chosen !== undefined && chosen === primary ? ('primary' as const) : ('balanced' as const);
    return { nodeId: chosen?.id, target, rule, reason: `${verdict.reason}; ${nodeReason}` };
  }

  private addTransactionEffects(context: RouteContext, cls: StatementClass, decision: RouteDecision): void {
    const session = context.session;
    const nodeId = decision.nodeId;
    const ending = transactionEnding(cls);
    if (ending !== undefined && session.inTransaction) {
      const holders = [...session.transactionNodes];
      const endOn = nodeId !== undefined && holders.includes(nodeId) ? nodeId : (holders[0] ?? nodeId);
      decision.transaction = 'end';
      decision.nodeId = endOn;
      decision.alsoNodes = holders.filter((n) => n !== endOn);
      decision.endOthersWith = ending === 'rollback' ? 'ROLLBACK' : 'COMMIT';
      return;
    }
    const opens = opensTransaction(cls);
    if (opens) decision.transaction = 'begin';
    if (session.inTransaction && nodeId !== undefined && !session.transactionNodes.has(nodeId) && !opens) {
      decision.beginFirst = session.beginStatement;
    }
    if (cls.kind === 'set-session' || cls.kind === 'discard' || (cls.kind === 'deallocate' && !cls.preparedName)) {
      decision.changesSessionState = true;
    }
  }
}
