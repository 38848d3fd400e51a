// A proxy with `workers` > 1: the main thread runs what must happen once per proxy and N worker threads run the
// data path, each a ProxyServer accepting on the same port (SO_REUSEPORT). Here: the health check, lag check
// and failover (one FailoverManager; its node verdicts are sent to every worker, which adopt them), the metrics
// endpoint (every worker's counts summed), the SSM config poll, signals (SIGHUP reloads the supervisor and every
// worker, SIGTERM/SIGINT drain every worker, and the process ends once all have), and the relays between workers:
// cancel requests to the worker owning the key, SHOW over all workers, RELOAD and PAUSE/RESUME for all.
// Server-connection limits need no relay: the workers share counters (shared-pool-limits.ts).
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { BackendStates } from '../backend-states.ts';
import { BackendAddressResolver } from '../backend/backend-address-resolver.ts';
import type { ResultSet } from '../admin/admin-commands.ts';
import { FailoverManager, NodeControlError } from '../failover/failover-manager.ts';
import { registerBackendMetrics } from '../health/backend-metrics.ts';
import { createLogger, type Logger } from '../log.ts';
import { startMetricsServer, type MetricsServer } from '../metrics.ts';
import { loadProxyConfig, ProxyConfigError, proxyConfigSource, type ProxyConfig } from '../proxy-config.ts';
import type { ConfigSource } from '../config/config-source.ts';
import { CONFIG_POLL_MS, ConfigVersionPoll } from '../config/config-version-poll.ts';
import { SsmConfigSource } from '../config/ssm-config-source.ts';
import { restartOnlyChanges, withRestartOnlySettingsOf } from '../config/restart-only-settings.ts';
import { renderAggregatedMetrics, type WorkerMetrics } from './aggregated-metrics.ts';
import { SharedCounters } from './shared-counters.ts';
import type { Reply, ToWorker, WorkerRequest } from './worker-messages.ts';
import { WorkerThread } from './worker-thread.ts';

export interface SupervisorOptions {
  configPath: string;
  /** The config already loaded from configPath (the CLI reads it to know the worker count). */
  config: ProxyConfig;
  workers: number;
  configPollMs?: number;
  log?: Logger;
}

/** Pool keys the shared counters have room for: every pool maxPools allows, twice over for keys left by reloads. */
const slotsFor = (config: ProxyConfig): number => Math.max(64, config.pool.maxPools * 2);

export class WorkerSupervisor {
  readonly #options: SupervisorOptions;
  readonly #source: ConfigSource;
  readonly #log: Logger;
  readonly #backends: BackendStates;
  readonly #addresses: BackendAddressResolver;
  readonly #failover: FailoverManager;
  readonly #threads: WorkerThread[] = [];
  readonly #counters: SharedArrayBuffer;
  readonly #poolChannel = `pgtopo-pools-${randomUUID()}`;
  #config: ProxyConfig;
  #port = 0;
  #metrics: MetricsServer | null = null;
  #configPoll: ConfigVersionPoll | null = null;
  #stopping: Promise<void> | null = null;
  /** Set once every worker listened: a worker that fails to start fails the start, it is not replaced. */
  #running = false;

  private constructor(options: SupervisorOptions) {
    const config = options.config;
    if (config.watchdog) throw new ProxyConfigError('workers: a proxy with a watchdog runs one worker (workers: 1)');
    this.#options = options;
    this.#config = config;
    this.#source = proxyConfigSource(options.configPath);
    this.#log = options.log ?? createLogger('proxy', { level: config.logLevel });
    this.#backends = new BackendStates(config.backends);
    this.#addresses = new BackendAddressResolver(config.dns.servers);
    this.#counters = SharedCounters.allocate(slotsFor(config));
    this.#failover = new FailoverManager({
      backends: this.#backends, config, log: this.#log, addresses: this.#addresses,
      dropIdle: (nodeId) => this.#broadcast({ type: 'drop-idle', nodeId }),
    });
    this.#backends.onChange(() => this.#broadcast({ type: 'verdicts', verdicts: this.#backends.verdicts() }));
  }

  static async start(options: SupervisorOptions): Promise<WorkerSupervisor> {
    const supervisor = new WorkerSupervisor(options);
    await supervisor.#failover.start();
    try {
      await supervisor.#startWorkers();
    } catch (error) {
      supervisor.#failover.stop();
      await Promise.all(supervisor.#threads.map((t) => t.terminate()));
      throw error;
    }
    supervisor.#running = true;
    await supervisor.#serveMetrics();
    supervisor.#pollConfig();
    const { listen } = supervisor.#config;
    supervisor.#log.info('proxy workers listening', { host: listen.host, port: supervisor.port, workers: options.workers, metricsPort: supervisor.metricsPort });
    return supervisor;
  }

  /** The first worker binds the port (0: the OS picks one), the others join it. */
  async #startWorkers(): Promise<void> {
    this.#port = await this.#spawn(0, this.#config.listen.port).ready;
    const others = Array.from({ length: this.#options.workers - 1 }, (_, i) => this.#spawn(i + 1, this.#port).ready);
    await Promise.all(others);
  }

  #spawn(index: number, port: number): WorkerThread {
    const thread = new WorkerThread({
      index, workers: this.#options.workers, config: this.#config, port,
      counters: this.#counters, poolChannel: this.#poolChannel, verdicts: this.#backends.verdicts(),
    }, (from, message) => this.#received(from, message));
    this.#threads[index] = thread;
    void thread.exited.then((code) => this.#exited(thread, code));
    return thread;
  }

  /** A worker that ends while the proxy runs (a crash) is replaced; its clients' connections are gone with it. */
  #exited(thread: WorkerThread, code: number): void {
    if (!this.#running || this.#stopping || this.#threads[thread.index] !== thread) return;
    this.#log.error('proxy worker exited; starting a new one', { worker: thread.index, code });
    this.#spawn(thread.index, this.#port).ready.catch((error: Error) => this.#log.error('proxy worker did not start', { worker: thread.index, error: error.message }));
  }

  get port(): number {
    return this.#port;
  }

  get metricsPort(): number | null {
    return this.#metrics?.port ?? null;
  }

  /** The one health check and failover of this proxy (tests). */
  get failover(): FailoverManager {
    return this.#failover;
  }

  #broadcast(message: ToWorker): void {
    for (const thread of this.#threads) thread.post(message);
  }

  #received(from: WorkerThread, message: WorkerRequest): void {
    switch (message.type) {
      case 'backend-error': return this.#failover.backendError(message.nodeId);
      case 'cancel': return this.#forwardCancel(message.owner, message.pid, message.secret);
      case 'node': return void this.#answer(from, message.id, async () => void (await this.#failover[message.command](message.nodeId)));
      case 'gather': return void this.#answer(from, message.id, () => this.#gather(message.name));
      case 'reload-all': return void this.#answer(from, message.id, async () => void (await this.reload()));
      case 'admin-all': return void this.#answer(from, message.id, async () => void (await Promise.all(this.#threads.map((t) => t.ask({ type: 'admin', command: message.command })))));
    }
  }

  /** A CancelRequest for a key another worker issued (pid % workers names it; a forged pid may name none). */
  #forwardCancel(owner: number, pid: number, secret: number): void {
    const thread = owner >= 0 ? this.#threads.at(owner) : undefined;
    thread?.post({ type: 'cancel', pid, secret });
  }

  async #answer(to: WorkerThread, id: number, work: () => Promise<Reply['value'] | undefined>): Promise<void> {
    try {
      to.post({ type: 'reply', id, value: await work() });
    } catch (error) {
      const sqlstate = error instanceof NodeControlError ? error.sqlstate : ((error as { sqlstate?: string }).sqlstate ?? '55000');
      to.post({ type: 'reply', id, error: { sqlstate, message: (error as Error).message } });
    }
  }

  async #gather(name: string): Promise<ResultSet[]> {
    return (await Promise.all(this.#threads.map((t) => t.ask({ type: 'show', name })))) as ResultSet[];
  }

  async #serveMetrics(): Promise<void> {
    const metrics = this.#config.metrics;
    if (!metrics) return;
    const own = new Registry();
    registerBackendMetrics(own, { backends: this.#backends, nodeControl: this.#failover });
    const render = async (): Promise<string> => {
      const parts = (await Promise.all(this.#threads.map((t) => t.ask({ type: 'metrics' })))) as WorkerMetrics[];
      return renderAggregatedMetrics(parts, own);
    };
    this.#metrics = await startMetricsServer(render, metrics.host, metrics.port, () => this.#stopping === null);
  }

  #pollConfig(): void {
    if (!(this.#source instanceof SsmConfigSource)) return;
    this.#configPoll = new ConfigVersionPoll(this.#source, this.#options.configPollMs ?? CONFIG_POLL_MS, () => this.reload(), this.#log);
  }

  /** Re-reads the config once: the supervisor's backends and failover first, then every worker gets what it read. */
  async reload(): Promise<void> {
    const loaded = await loadProxyConfig(this.#source);
    const restartOnly = restartOnlyChanges(this.#config, loaded);
    if (restartOnly.length > 0) this.#log.warn('settings changed that need a restart; not applied', { settings: restartOnly });
    const config = withRestartOnlySettingsOf(this.#config, loaded);
    this.#config = config;
    this.#backends.replace(config.backends);
    this.#addresses.useServers(config.dns.servers);
    void this.#failover.start(config);
    await Promise.all(this.#threads.map((t) => t.ask({ type: 'reload', config })));
  }

  /** Every worker drains (pool.shutdownGraceMs); the health check and failover run until the last one ended. */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    this.#log.info('proxy workers stopping', { workers: this.#threads.length });
    this.#configPoll?.stop();
    this.#broadcast({ type: 'stop' });
    await Promise.all(this.#threads.map((t) => t.exited));
    this.#failover.stop();
    await this.#metrics?.close();
    this.#log.info('proxy stopped');
  }

  /** SIGHUP reloads; SIGTERM/SIGINT stop gracefully. Settles when stopped. */
  handleSignals(): Promise<void> {
    const reload = (): void => {
      this.reload().catch((error: Error) => this.#log.error('reload failed; keeping the old configuration', { error: error.message }));
    };
    const stop = (): void => void this.stop();
    const handlers: [NodeJS.Signals, () => void][] = [['SIGHUP', reload], ['SIGTERM', stop], ['SIGINT', stop]];
    for (const [signal, handler] of handlers) process.on(signal, handler);
    return new Promise((resolve) => {
      const stopped = (): void => {
        for (const [signal, handler] of handlers) process.off(signal, handler);
        resolve();
      };
      const wait = (): void => {
        if (this.#stopping) void this.#stopping.then(stopped);
        else setTimeout(wait, 200);
      };
      wait();
    });
  }
}
