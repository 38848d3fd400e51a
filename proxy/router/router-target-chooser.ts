// The router behind the proxy core's TargetChooser. The core asks for a server on a transaction's first message
// (transaction pooling), and again at each new request while it holds one, so the router's per-statement
// decisions become these:
//   - an autocommit statement (Query, or Parse/Bind of an unnamed or known statement) goes where the router says;
//   - an explicit transaction starts where its BEGIN goes: the primary, or the load-balance node for BEGIN READ ONLY
//     (rule 12). Inside it, the core asks routeInTransaction at each new request, so reads before the first write
//     run on the load-balance node (rule 10) and the core holds one server per node the transaction reaches;
//   - in session pooling a client keeps its first server for good, so every session gets the primary.
// Catalog lookups (rules 2 and 3) run in the background on a dedicated connection per database to the primary
// (catalog-connections.ts): the first call of an unknown user function goes to the primary, later calls follow
// its pg_proc volatility.

import type { BackendState, BackendStates } from '../backend-states.ts';
import { backendTlsOf } from '../backend/backend-tls.ts';
import type { ProxyConfig } from '../proxy-config.ts';
import { routeKey } from '../proxy-stats.ts';
import type { RoutedMessage, Target, TargetChooser, TransactionStep } from '../target-chooser.ts';
import type { BackendAddressResolver } from '../backend/backend-address-resolver.ts';
import { CatalogConnections } from './catalog-connections.ts';
import { QueryRouter, type QueryRouterOptions, type RouteDecision, type RouteRequest } from './route-decision.ts';
import { routerConfigFrom } from './router-config-document.ts';
import type { RouterConfig } from './router-config.ts';
import { SessionRouteState } from './session-route-state.ts';
import { cstringEnd, readCstring } from '../protocol/cstring.ts';
import { statementText } from '../protocol/statement-text.ts';
import { FrontendMessage } from '../protocol/message-codes.ts';

/** Rule 22's answer: where a statement would go and which rule decided (admin console, SHOW ROUTE FOR). */
export interface RouteExplanation {
  /** 'primary', 'balanced' or 'transaction' (the node holding the current transaction). */
  destination: string;
  /** The node's name; empty when no node can take the statement. */
  node: string;
  rule: number;
  reason: string;
}

/** What the chooser reads from the core's client session object (ClientConnection). */
interface ClientIdentity {
  user?: string;
  database?: string;
  applicationName?: string;
}

/**
 * Builds the chooser from the proxy config: `startProxy({ ..., chooser: routerChooser })`. `addresses`: where backend
 * host names point, the resolver the pools use, for the catalog lookups' connections.
 */
export function routerChooser(backends: BackendStates, config: ProxyConfig, addresses: BackendAddressResolver): RouterTargetChooser {
  const catalog = new CatalogConnections(backends, config.monitor, { tls: backendTlsOf(config.tls), addresses });
  const lookups = { functionLookup: catalog.functionLookup, relationLookup: catalog.relationLookup };
  return new RouterTargetChooser(backends, routerConfigFrom(config.router), config.pool.mode === 'session', lookups, catalog);
}

export class RouterTargetChooser implements TargetChooser {
  readonly router: QueryRouter;
  readonly #backends: BackendStates;
  readonly #sessionPooling: boolean;
  readonly #catalog: CatalogConnections | null;
  #sessions = new WeakMap<object, SessionRouteState>();
  /** Interned targets per route and backend, so a choice returns a shared object. */
  readonly #targets = { primary: new Map<BackendState, Target>(), balanced: new Map<BackendState, Target>() };

  /** `catalog`: the connections behind `options`' lookups, closed with the chooser. */
  constructor(backends: BackendStates, config: RouterConfig, sessionPooling: boolean, options: QueryRouterOptions = {}, catalog: CatalogConnections | null = null) {
    this.router = new QueryRouter(config, options);
    this.#backends = backends;
    this.#sessionPooling = sessionPooling;
    this.#catalog = catalog;
  }

  chooseTarget(session: unknown, message: RoutedMessage): Target {
    if (this.#sessionPooling) return this.#target('primary', this.#backends.primary());
    const state = this.#session(session);
    return this.#targetOf(this.#decide(state, message));
  }

  routeInTransaction(session: unknown, message: RoutedMessage, status: 'T' | 'E', current: BackendState): TransactionStep {
    let state = this.#sessions.get(session as object);
    const unseen = state === undefined;
    state ??= this.#session(session);
    // The server is the truth for the transaction's status; a failed transaction stays where it failed (rule 13).
    state.onReadyForQuery(status, current.node.id);
    // A transaction this router did not see begin (load balancing was switched on by a reload) may have written:
    // keep it on the primary.
    if (unseen) state.transactionWrote = true;
    const decision = this.#decide(state, message);
    const step: TransactionStep = { target: this.#targetOf(decision), begin: state.beginStatement };
    if (decision?.transaction === 'end') step.endOthersWith = decision.endOthersWith;
    return step;
  }

  inTransaction(session: unknown): boolean {
    return this.#sessions.get(session as object)?.inTransaction ?? false;
  }

  continueFrom(previous: TargetChooser): void {
    if (previous instanceof RouterTargetChooser) this.#sessions = previous.#sessions;
  }

  close(): void {
    this.#catalog?.close();
  }

  /** SHOW ROUTE FOR <statement> (rule 22), as a new session would see it. */
  explain(sql: string): RouteExplanation {
    const snapshot = this.#backends.snapshot;
    const decision = this.router.explain(new SessionRouteState(), snapshot, sql);
    const node = snapshot.nodes.find((n) => n.id === decision.nodeId);
    return { destination: decision.target, node: node?.name ?? '', rule: decision.rule, reason: decision.reason };
  }

  #session(session: unknown): SessionRouteState {
    const key = session as object;
    let state = this.#sessions.get(key);
    if (state === undefined) {
      const identity = session as ClientIdentity;
      state = new SessionRouteState({ user: identity.user, database: identity.database, applicationName: identity.applicationName });
      this.#sessions.set(key, state);
    }
    // A new server transaction: the previous one ended when the core released its server.
    state.onReadyForQuery('I', '');
    return state;
  }

  #decide(state: SessionRouteState, message: RoutedMessage): RouteDecision | undefined {
    const request = routeRequest(message);
    if (request === undefined) return undefined;
    const snapshot = this.#backends.snapshot;
    if (request.message !== 'parse') return this.router.decide(state, snapshot, request);
    // Parse starts a batch that runs it: route it, then decide its execution as the Bind that follows would.
    this.router.decide(state, snapshot, request);
    return this.router.decide(state, snapshot, { message: 'bind', statementName: request.statementName, portalName: '' });
  }

  #targetOf(decision: RouteDecision | undefined): Target {
    const backend = (decision?.nodeId === undefined ? undefined : this.#backends.byId(decision.nodeId)) ?? this.#backends.primary();
    return this.#target(decision?.target === 'balanced' ? 'balanced' : 'primary', backend);
  }

  #target(route: 'primary' | 'balanced', backend: BackendState): Target {
    let target = this.#targets[route].get(backend);
    if (target === undefined) {
      target = { backend, routeKey: routeKey(route, backend.config.name), primaryBound: route === 'primary' };
      this.#targets[route].set(backend, target);
    }
    return target;
  }
}

/** The routing request of a transaction's first message; undefined for messages the router has no say in. */
function routeRequest({ buf, off, end, sql }: RoutedMessage): RouteRequest | undefined {
  if (buf[off] === FrontendMessage.Query) return { message: 'query', sql: sql ?? statementText(buf, off, end) };
  if (buf[off] !== FrontendMessage.Parse && buf[off] !== FrontendMessage.Bind) return undefined;
  // Parse: statement name, then text. Bind: portal name, then statement name. The second starts after the first's NUL.
  const body = off + 5;
  const firstEnd = cstringEnd(buf, body, end);
  const first = buf.toString('utf8', body, firstEnd < 0 ? end : firstEnd);
  const second = readCstring(buf, firstEnd < 0 ? end : firstEnd + 1, end);
  return buf[off] === FrontendMessage.Parse ? { message: 'parse', statementName: first, sql: second } : { message: 'bind', statementName: second, portalName: first };
}
