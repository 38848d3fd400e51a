// Backends, routers and sessions for router tests. Node order matters for weighted choice: with the injected random
// source returning r, the node whose cumulative weight first exceeds r × total is chosen.

import { defaultRouterConfig, type BackendNode, type BackendsSnapshot, type RouterConfig } from '../../../proxy/router/router-config.ts';
import { QueryRouter, type QueryRouterOptions, type RouteDecision } from '../../../proxy/router/route-decision.ts';
import { SessionRouteState, type SessionIdentity } from '../../../proxy/router/session-route-state.ts';

export function node(id: string, overrides: Partial<BackendNode> = {}): BackendNode {
  return {
    id,
    name: id,
    role: 'standby',
    status: 'up',
    weight: 1,
    alwaysPrimary: false,
    noFailover: false,
    ...overrides,
  };
}

/** A primary that takes no reads (weight 0) and two standbys: reads land on s1 when random() returns 0. */
export function cluster(overrides: Record<string, Partial<BackendNode>> = {}): BackendsSnapshot {
  return {
    nodes: [
      node('p', { role: 'primary', weight: 0, ...overrides.p }),
      node('s1', overrides.s1),
      node('s2', overrides.s2),
    ],
  };
}

/** A random source replaying the given values in a loop. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

export interface Harness {
  router: QueryRouter;
  session: SessionRouteState;
  backends: BackendsSnapshot;
  /** Routes a simple Query and records it, like the proxy does. */
  route(sql: string): RouteDecision;
  /** Answers ReadyForQuery from the node the last statement went to. */
  ready(status: 'I' | 'T' | 'E', nodeId?: string): void;
}

export function harness(
  config: Partial<RouterConfig> = {},
  options: QueryRouterOptions & { backends?: BackendsSnapshot; identity?: SessionIdentity } = {},
): Harness {
  const router = new QueryRouter(defaultRouterConfig(config), { random: sequence(0), ...options });
  const session = new SessionRouteState(options.identity);
  const backends = options.backends ?? cluster();
  let last: string | undefined;
  return {
    router,
    session,
    backends,
    route(sql) {
      const decision = router.decide(session, backends, { message: 'query', sql });
      last = decision.nodeId;
      return decision;
    },
    ready(status, nodeId) {
      session.onReadyForQuery(status, nodeId ?? last ?? 'p');
    },
  };
}

/** Destination and rule of a decision, for compact assertions. */
export function where(decision: RouteDecision): [string | undefined, number] {
  return [decision.nodeId, decision.rule];
}
