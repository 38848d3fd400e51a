// /metrics of a proxy with worker threads, served once by the supervisor: every worker's data-path metrics summed
// (prom-client's AggregatorRegistry, its default `sum` for counters and gauges alike: clients, servers and
// transactions add up over workers), the latency histogram's buckets summed, and the node metrics from the one
// health check and failover the supervisor runs.
import { AggregatorRegistry, Registry, type MetricObjectWithValues, type MetricValue, type PrometheusContentType } from 'prom-client';
import { LATENCY_BUCKETS } from '../proxy-stats.ts';
import { renderLatencyHistogram } from '../metrics.ts';

/** What one worker reports at a scrape. */
export interface WorkerMetrics {
  metrics: MetricObjectWithValues<MetricValue<string>>[];
  latencyCounts: number[];
  latencySum: number;
  latencyCount: number;
}

export async function renderAggregatedMetrics(workers: readonly WorkerMetrics[], own: Registry): Promise<string> {
  const summed = AggregatorRegistry.aggregate<PrometheusContentType>(workers.map((w) => w.metrics));
  const latency = {
    latencyCounts: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0),
    latencySum: 0,
    latencyCount: 0,
  };
  for (const w of workers) {
    w.latencyCounts.forEach((n, i) => (latency.latencyCounts[i] += n));
    latency.latencySum += w.latencySum;
    latency.latencyCount += w.latencyCount;
  }
  return (await Registry.merge([summed, own]).metrics()) + renderLatencyHistogram(latency);
}
