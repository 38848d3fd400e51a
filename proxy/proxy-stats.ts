// Plain counters bumped on the hot path; proxy/metrics.ts turns them into Prometheus metrics at scrape time,
// so serving a query never touches prom-client's label maps.

/** Upper bounds (seconds) of the transaction latency histogram buckets. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ProxyStats {
  clientsAccepted = 0;
  clientsRejected = 0;
  transactions = 0;
  queries = 0;
  /** Errors the proxy itself sent to clients, by SQLSTATE. */
  readonly errors = new Map<string, number>();
  readonly pins = new Map<string, number>();
  poolWaitTimeouts = 0;
  /** Statements routed, keyed `${route}\0${nodeName}` (route: primary | balanced | transaction). */
  readonly routed = new Map<string, number>();
  readonly latencyCounts = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0);
  latencySum = 0;
  latencyCount = 0;

  observeLatency(seconds: number): void {
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]) i++;
    this.latencyCounts[i]++;
    this.latencySum += seconds;
    this.latencyCount++;
  }

  countError(sqlstate: string): void {
    this.errors.set(sqlstate, (this.errors.get(sqlstate) ?? 0) + 1);
  }

  countPin(reason: string): void {
    this.pins.set(reason, (this.pins.get(reason) ?? 0) + 1);
  }

  /** Keyed by a string the caller interns (see routeKey) so counting allocates nothing. */
  countRoute(key: string): void {
    this.routed.set(key, (this.routed.get(key) ?? 0) + 1);
  }
}

const routeKeys = new Map<string, string>();

/** The interned `${route}\0${node}` key for ProxyStats.routed. */
export function routeKey(route: string, node: string): string {
  const key = `${route}\0${node}`;
  let interned = routeKeys.get(key);
  if (interned === undefined) {
    interned = key;
    routeKeys.set(key, key);
  }
  return interned;
}
