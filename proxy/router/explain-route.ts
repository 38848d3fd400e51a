// Rule 22: `SHOW ROUTE FOR <statement>` answers where the statement would go and which rule decided, without
// running it and without changing the session's routing state (beyond fixing its load-balance node, which the next
// read would fix anyway).

import { lexSql } from './sql-lexer.ts';
import type { QueryRouter } from './route-decision.ts';
import type { BackendsSnapshot } from './router-config.ts';
import type { SessionRouteState } from './session-route-state.ts';

export interface RouteExplanation {
  /** 'primary', 'balanced' or 'transaction' (the node holding the current transaction). */
  destination: string;
  /** The node's name; empty when no node can take the statement. */
  node: string;
  rule: number;
  reason: string;
}

/** The statement text of a `SHOW ROUTE FOR …` command, or undefined when the text is not one. */
export function parseShowRoute(sql: string): string | undefined {
  const { tokens } = lexSql(sql);
  const [show, route, forWord] = tokens;
  if (show?.value !== 'show' || route?.value !== 'route' || forWord?.value !== 'for' || tokens.length < 4) {
    return undefined;
  }
  return sql.slice(forWord.end).trim();
}

export function explainRoute(
  router: QueryRouter,
  session: SessionRouteState,
  backends: BackendsSnapshot,
  statement: string,
): RouteExplanation {
  const decision = router.explain(session, backends, statement);
  const node = backends.nodes.find((n) => n.id === decision.nodeId);
  return { destination: decision.target, node: node?.name ?? '', rule: decision.rule, reason: decision.reason };
}

/** The admin console's result set for SHOW ROUTE FOR: column names and one row. */
export function showRouteResult(explanation: RouteExplanation): { columns: string[]; row: string[] } {
  return {
    columns: ['destination', 'node', 'rule', 'reason'],
    row: [explanation.destination, explanation.node, String(explanation.rule), explanation.reason],
  };
}
