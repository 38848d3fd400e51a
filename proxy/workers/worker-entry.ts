// The code a worker thread runs: one ProxyServer on the shared port, answering the supervisor's messages.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { localShow } from '../admin/admin-commands.ts';
import { createLogger } from '../log.ts';
import { buildDataPathRegistry } from '../metrics.ts';
import type { ProxyConfig } from '../proxy-config.ts';
import { startProxy, type ProxyServer } from '../server.ts';
import type { WorkerMetrics } from './aggregated-metrics.ts';
import { WorkerLink } from './worker-link.ts';
import type { Reply, ToWorker, WorkerData } from './worker-messages.ts';

const data = workerData as WorkerData;
const parent = parentPort as MessagePort;
const link = new WorkerLink(parent, data);
const log = createLogger(`proxy.worker${data.index}`, { level: data.config.logLevel });
const proxy = await startProxy({ config: data.config, log, worker: link });
const metrics = buildDataPathRegistry(proxy.context);

async function answer(id: number, work: () => Promise<Reply['value']> | Reply['value']): Promise<void> {
  try {
    link.post({ type: 'reply', id, value: await work() });
  } catch (error) {
    const sqlstate = (error as { sqlstate?: string }).sqlstate ?? '55000';
    link.post({ type: 'reply', id, error: { sqlstate, message: (error as Error).message } });
  }
}

async function reload(server: ProxyServer, config: ProxyConfig): Promise<undefined> {
  await server.reload(config);
  link.readopt();
  return undefined;
}

async function scrape(server: ProxyServer): Promise<WorkerMetrics> {
  const s = server.context.stats;
  return { metrics: await metrics.getMetricsAsJSON(), latencyCounts: s.latencyCounts, latencySum: s.latencySum, latencyCount: s.latencyCount };
}

async function stop(server: ProxyServer): Promise<void> {
  await server.stop();
  link.close();
  parent.close();
  // The thread ends when nothing is left on its loop; whatever still is (a backend slow to hang up) gets a second.
  setTimeout(() => process.exit(0), 1000).unref();
}

parent.on('message', (message: ToWorker) => {
  const ctx = proxy.context;
  switch (message.type) {
    case 'verdicts': return link.adopt(message.verdicts);
    case 'drop-idle': return proxy.dropIdle(message.nodeId);
    case 'cancel': return void ctx.cancelKeys.cancel(message.pid, message.secret);
    case 'reload': return void answer(message.id, () => reload(proxy, message.config));
    case 'admin': return void answer(message.id, () => void (message.command === 'pause' ? ctx.pools.pause() : ctx.pools.resume()));
    case 'show': return void answer(message.id, () => localShow(ctx, message.name));
    case 'metrics': return void answer(message.id, () => scrape(proxy));
    case 'stop': return void stop(proxy);
    case 'reply': return link.settle(message);
  }
});
link.post({ type: 'ready', port: proxy.port });
