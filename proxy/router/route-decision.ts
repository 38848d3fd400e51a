// The router's entry point: one protocol message (simple Query, or Parse/Bind/Describe/Execute/Close of the extended
// protocol) + the session + the backends → the node it must go to, the rule that decided, and what the proxy must do
// first (open the transaction there, prepare the statement there).
//
// How the proxy drives it, per client session:
//   - one QueryRouter per proxy (shares the classification cache and catalog answers), one SessionRouteState per
//     client session; set `session.standardConformingStrings` from the server's ParameterStatus;
//   - call `decide` for every Query/Parse/Bind/Describe/Execute/Close before forwarding it (Sync/Flush follow the
//     nodes used since the last Sync); before forwarding, send `beginFirst` and `prepareFirst` to that node; for a
//     transaction end also send `endOthersWith` to `alsoNodes`; for Close/DEALLOCATE send the same message there;
//   - replay `changesSessionState` statements on every other node the session uses (rule 8);
//   - report every ReadyForQuery with `session.onReadyForQuery(status, nodeId)`: the server is the truth.

import { ClassificationCache } from './classification-cache.ts';
import type { FunctionVolatility } from './function-volatility.ts';
import type { RelationPersistence } from './relation-persistence.ts';
import { RoutePlanner, type QueryRouterOptions, type RouteContext, type RouteDecision } from './route-plan.ts';
import type { BackendsSnapshot, RouterConfig } from './router-config.ts';
import type { PreparedRoute, SessionRouteState } from './session-route-state.ts';
import { statementClass, type StatementClass } from './statement-class.ts';

export type { QueryRouterOptions, RouteDecision } from './route-plan.ts';

export type RouteRequest =
  | { message: 'query'; sql: string }
  | { message: 'parse'; statementName: string; sql: string }
  | { message: 'bind'; statementName: string; portalName: string }
  | { message: 'describe'; target: 'statement' | 'portal'; name: string }
  | { message: 'execute'; portalName: string }
  | { message: 'close'; target: 'statement' | 'portal'; name: string };

export class QueryRouter {
  readonly config: RouterConfig;
  readonly cache: ClassificationCache;
  private readonly planner: RoutePlanner;
  /** For sessions with standard_conforming_strings off, where backslashes escape quotes in plain strings. */
  private legacyStringsCache: ClassificationCache | undefined;

  constructor(config: RouterConfig, options: QueryRouterOptions = {}) {
    this.config = config;
    this.cache = new ClassificationCache(config.classificationCacheSize);
    this.planner = new RoutePlanner(config, options);
  }

  /** Rule 3's oracle: `await router.functions.resolve(names)` to route first calls of unknown functions by pg_proc. */
  get functions(): FunctionVolatility {
    return this.planner.functions;
  }

  /** Rule 2's oracle for unlogged and temporary tables. */
  get relations(): RelationPersistence {
    return this.planner.relations;
  }

  /** The statement's class as this session's server lexes it. */
  classify(session: SessionRouteState, sql: string): StatementClass {
    if (session.standardConformingStrings) return this.cache.classify(sql, session.recentStatement);
    this.legacyStringsCache ??= new ClassificationCache(this.config.classificationCacheSize, {
      standardConformingStrings: false,
    });
    return this.legacyStringsCache.classify(sql);
  }

  /** Routes one message and records its effects on the session. */
  decide(session: SessionRouteState, backends: BackendsSnapshot, request: RouteRequest): RouteDecision {
    const context = this.planner.context(session, backends);
    switch (request.message) {
      case 'query':
        return this.query(context, request.sql);
      case 'parse':
        return this.parse(context, request.statementName, request.sql);
      case 'bind':
        return this.bind(context, request.statementName, request.portalName);
      case 'describe':
        return this.describe(context, request.target, request.name);
      case 'execute':
        return this.execute(context, request.portalName);
      case 'close':
        return this.close(context, request.target, request.name);
    }
  }

  /** Where a statement would go now, without recording anything (rule 22). */
  explain(session: SessionRouteState, backends: BackendsSnapshot, sql: string): RouteDecision {
    const context = this.planner.context(session, backends);
    const cls = this.classify(session, sql);
    const prepared = cls.kind === 'execute' ? session.sqlPrepared.get(cls.preparedName ?? '') : undefined;
    if (prepared !== undefined) return this.follow(context, prepared.cls, sql, 16);
    return this.planner.plan(context, cls, sql);
  }

  private query(context: RouteContext, sql: string): RouteDecision {
    const cls = this.classify(context.session, sql);
    if (cls.kind === 'prepare') return this.sqlPrepare(context, cls, sql);
    if (cls.kind === 'execute') return this.sqlExecute(context, cls, sql);
    if (cls.kind === 'deallocate' && cls.preparedName !== undefined) {
      return this.forget(context, context.session.sqlPrepared, cls.preparedName, cls);
    }
    const decision = this.planner.plan(context, cls, sql);
    this.record(context, decision);
    return decision;
  }

  // Rule 15: Parse is routed like a Query of its text but executes nothing, so it records no write. In a transaction
  // the node joins it now (beginFirst goes before the Parse), so the Bind that follows needs no BEGIN mid-batch.
  private parse(context: RouteContext, statementName: string, sql: string): RouteDecision {
    const session = context.session;
    const cls = this.classify(context.session, sql);
    const decision = this.planner.plan(context, cls, sql);
    const preparedOn = new Set<string>();
    if (decision.nodeId !== undefined) {
      preparedOn.add(decision.nodeId);
      if (session.inTransaction) session.transactionNodes.add(decision.nodeId);
    }
    session.statements.set(statementName, { cls, text: sql, preparedOn });
    // plan() returns a new object every time, so the decisions below are completed in place rather than copied.
    decision.write = false;
    decision.transaction = undefined;
    return decision;
  }

  // Bind starts the execution: it is routed by the statement's class at this moment and records the effects.
  private bind(context: RouteContext, statementName: string, portalName: string): RouteDecision {
    const prepared = context.session.statements.get(statementName);
    if (prepared === undefined) return this.unknownStatement(context, statementName);
    const decision = this.withPrepare(this.follow(context, prepared.cls, prepared.text, 15), prepared, statementName, 'extended');
    this.record(context, decision);
    if (decision.nodeId !== undefined) context.session.portals.set(portalName, decision.nodeId);
    return decision;
  }

  private describe(context: RouteContext, target: 'statement' | 'portal', name: string): RouteDecision {
    if (target === 'portal') return this.execute(context, name);
    const prepared = context.session.statements.get(name);
    if (prepared === undefined) return this.unknownStatement(context, name);
    return this.withPrepare(this.follow(context, prepared.cls, prepared.text, 15), prepared, name, 'extended');
  }

  private execute(context: RouteContext, portalName: string): RouteDecision {
    const nodeId = context.session.portals.get(portalName);
    const cls = statementClass('read', true, 15, 'portal');
    if (nodeId === undefined) return this.unknownStatement(context, portalName);
    return { nodeId, target: 'transaction', rule: 15, reason: 'follows its Bind', statement: cls, write: false };
  }

  private close(context: RouteContext, target: 'statement' | 'portal', name: string): RouteDecision {
    const cls = statementClass('deallocate', false, 15, 'closes a prepared statement or portal');
    if (target === 'portal') {
      const nodeId = context.session.portals.get(name) ?? context.primary?.id;
      context.session.portals.delete(name);
      return { nodeId, target: 'transaction', rule: 15, reason: 'closes the portal where it was bound', statement: cls, write: false };
    }
    return this.forget(context, context.session.statements, name, cls);
  }

  // Rule 16: PREPARE runs where its statement would run; EXECUTE follows the prepared class.
  private sqlPrepare(context: RouteContext, cls: StatementClass, sql: string): RouteDecision {
    const inner = cls.prepared ?? cls;
    const decision = this.follow(context, inner, sql, 16);
    decision.statement = cls;
    decision.write = false;
    const preparedOn = new Set<string>();
    if (decision.nodeId !== undefined) preparedOn.add(decision.nodeId);
    context.session.sqlPrepared.set(cls.preparedName ?? '', { cls: inner, text: sql, preparedOn });
    this.record(context, decision);
    return decision;
  }

  private sqlExecute(context: RouteContext, cls: StatementClass, sql: string): RouteDecision {
    const name = cls.preparedName ?? '';
    const prepared = context.session.sqlPrepared.get(name);
    // Unknown here (prepared before the proxy saw the session, or a typo): the primary, where the error is right.
    if (prepared === undefined) return this.unknownStatement(context, name);
    const decision = this.withPrepare(this.follow(context, prepared.cls, sql, 16), prepared, name, 'sql');
    this.record(context, decision);
    return decision;
  }

  private forget(context: RouteContext, registry: Map<string, PreparedRoute>, name: string, cls: StatementClass): RouteDecision {
    const prepared = registry.get(name);
    registry.delete(name);
    const nodes = prepared ? [...prepared.preparedOn] : [];
    const nodeId = nodes[0] ?? context.primary?.id;
    const reason = 'sent to every node holding the prepared statement';
    return { nodeId, target: 'primary', rule: cls.rule, reason, statement: cls, write: false, alsoNodes: nodes.slice(1) };
  }

  private unknownStatement(context: RouteContext, name: string): RouteDecision {
    const cls = statementClass('write', false, 15, 'unknown prepared statement or portal');
    const reason = `"${name}" is not known to the proxy; the primary reports the error`;
    return { nodeId: context.primary?.id, target: 'primary', rule: 15, reason, statement: cls, write: false };
  }

  /** Routes a prepared statement's class, reporting `rule` where the class alone decided. */
  private follow(context: RouteContext, cls: StatementClass, sql: string, rule: number): RouteDecision {
    const decision = this.planner.plan(context, cls, sql);
    // Rules 1–8 are the class itself; session and node rules (9 and up) keep their own number.
    if (decision.rule <= 8) {
      decision.rule = rule;
      decision.reason = `follows its prepared statement: ${decision.reason}`;
    }
    return decision;
  }

  private withPrepare(
    decision: RouteDecision,
    prepared: PreparedRoute,
    statementName: string,
    protocol: 'extended' | 'sql',
  ): RouteDecision {
    const nodeId = decision.nodeId;
    if (nodeId === undefined || prepared.preparedOn.has(nodeId)) return decision;
    prepared.preparedOn.add(nodeId);
    decision.prepareFirst = { protocol, statementName, sql: prepared.text };
    return decision;
  }

  private record(context: RouteContext, decision: RouteDecision): void {
    context.session.record(decision.statement, decision.nodeId, decision.write);
    const database = context.session.identity.database;
    for (const name of decision.statement.createdUnloggedTables) this.relations.noteUnlogged(name, database);
  }


}
