// Starts and stops one proxy: the client listener, pools, metrics endpoint, reload and graceful shutdown.
// `pgtopo proxy --config <file>` (cli/commands/proxy.ts) is a thin wrapper around startProxy().
import { createServer, type Server } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { BackendStates } from './backend-states.ts';
import { backendTlsOf } from './backend/backend-tls.ts';
import { readPem } from './config/pem-source.ts';
import { CancelKeys } from './cancel.ts';
import { loginClient } from './frontend/client-login.ts';
import { IdleClientSweep } from './frontend/idle-client-sweep.ts';
import { LoginDeadlines } from './frontend/login-deadlines.ts';
import { createLogger, type Logger } from './log.ts';
import type { MetricsServer } from './metrics.ts';
import { PoolRegistry } from './pool/pool-registry.ts';
import type { ClientView, ProxyContext } from './proxy-context.ts';
import { loadProxyConfig, ProxyConfigError, proxyConfigSource, type ProxyConfig, type TlsConfig, type UserConfig } from './proxy-config.ts';
import type { ConfigSource } from './config/config-source.ts';
import { SsmConfigSource } from './config/ssm-config-source.ts';
import { CONFIG_POLL_MS, ConfigVersionPoll } from './config/config-version-poll.ts';
import { restartOnlyChanges, withRestartOnlySettingsOf } from './config/restart-only-settings.ts';
import { ProxyStats } from './proxy-stats.ts';
import { StatementCatalog } from './session-state/prepared-statements.ts';
import { routerChooser } from './router/router-target-chooser.ts';
import { SingleBackendChooser, type TargetChooser } from './target-chooser.ts';
import { FailoverManager } from './failover/failover-manager.ts';
import { PrimaryWait } from './primary-wait.ts';
import { BackendAddressResolver } from './backend/backend-address-resolver.ts';
import { BackendAddressWatch } from './backend/backend-address-watch.ts';
import type { ServerConnection } from './backend/server-connection.ts';
import { WatchdogFailoverCoordinator } from './failover/watchdog-failover-coordinator.ts';
import { WatchdogService } from './watchdog/watchdog-service.ts';
import { MessageAuthenticator } from './watchdog/message-auth.ts';
import { UdpWatchdogTransport } from './watchdog/watchdog-transport.ts';
import { vipDriverFor } from './watchdog/vip/vip-driver-for.ts';
import { JoinedTag } from './watchdog/joined-tag.ts';
import { needsVipListener, VipListener } from './watchdog/vip-listener.ts';
import type { WorkerLink } from './workers/worker-link.ts';
import type { ClientTransport } from './io/client-transport.ts';
import { acceptTransports } from './io/transport-accept.ts';

export interface ProxyOptions {
  /** Config to load (and re-read on reload): a file path, or `ssm:<parameter name>` (polled for new versions). */
  configPath?: string;
  /** How often an `ssm:` config's parameter is asked for a new Version (default CONFIG_POLL_MS). */
  configPollMs?: number;
  /** Or a config object (tests, embedding); reload() then re-applies the object passed to it. */
  config?: ProxyConfig;
  log?: Logger;
  /** Builds the routing strategy; defaults to the query router (proxy/router), skipped with a single backend. */
  chooser?: (backends: BackendStates, config: ProxyConfig, addresses: BackendAddressResolver) => TargetChooser;
  /**
   * Run as one worker thread of several (proxy/workers): listen with SO_REUSEPORT, share server limits, take node
   * states from the supervisor and run no health check, failover, metrics endpoint or config poll of its own.
   */
  worker?: WorkerLink;
}

const SHUTDOWN_POLL_MS = 50;
/** From accept to ReadyForQuery (PostgreSQL's authentication_timeout is 60 s; a pooler's clients log in fast). */
const LOGIN_TIMEOUT_MS = 15_000;

/** What the proxy offers clients that ask for TLS; null: it answers 'N' (tls.client disable). */
function secureContext(tls: TlsConfig): SecureContext | null {
  if (tls.client === 'disable' || tls.cert === null || tls.key === null) return null;
  try {
    return createSecureContext({ cert: readPem(tls.cert, 'tls.certFile'), key: readPem(tls.key, 'tls.keyFile') });
  } catch (error) {
    throw new ProxyConfigError(`tls: cannot load certificate/key (${(error as Error).message})`);
  }
}

/** The query router, unless there is nothing to balance: one backend, or load balancing switched off. */
function defaultChooser(backends: BackendStates, config: ProxyConfig, addresses: BackendAddressResolver): TargetChooser {
  const balancing = config.backends.length > 1 && config.router.loadBalancing !== false;
  return balancing ? routerChooser(backends, config, addresses) : new SingleBackendChooser(backends);
}

function watchdogOf(config: ProxyConfig, log: Logger, accept: (transport: ClientTransport) => void, joined: JoinedTag | null): WatchdogService | null {
  const watchdog = config.watchdog;
  if (!watchdog) return null;
  const auth = watchdog.authKey === null ? null : new MessageAuthenticator(watchdog.authKey, watchdog.timing.deadTimeMs);
  const transport = new UdpWatchdogTransport(watchdog.members, watchdog.self, log, auth);
  const { vip, vipPort } = watchdog;
  const listener = vip.type === 'ip' && vipPort !== null && needsVipListener(config.listen.host) ? new VipListener(accept, vip.address, vipPort, log) : null;
  const vipHeld = (held: boolean): void => (held ? listener?.open() : listener?.close());
  return new WatchdogService({ config: watchdog, transport, driver: vipDriverFor(vip), log, vipHeld, ...(joined ? { joined } : {}) });
}

/**
 * `watchdog.joinedTag`: this member tags its EC2 instance once it serves and knows a leader; `servingTag`, a proxy
 * without a watchdog, once it serves.
 */
function joinedTagOf(config: ProxyConfig, log: Logger): JoinedTag | null {
  if (!config.watchdog && config.servingTag) return JoinedTag.whenServing(config.servingTag, log);
  const watchdog = config.watchdog;
  if (!watchdog?.joinedTag) return null;
  return new JoinedTag(watchdog.joinedTag, watchdog.members[watchdog.self]!.name, log);
}

function usersByName(users: readonly UserConfig[]): Map<string, UserConfig> {
  return new Map(users.map((u) => [u.name, u]));
}

export class ProxyServer {
  readonly #ctx: ProxyContext;
  readonly #listener: Server;
  readonly #options: ProxyOptions;
  #metrics: MetricsServer | null = null;
  #stopping: Promise<void> | null = null;
  readonly #transports = new Set<ClientTransport>();
  /** One function for every transport, not a closure each: idle clients are kept by the thousand. */
  readonly #forgetTransport = (transport: ClientTransport): void => void this.#transports.delete(transport);
  readonly #signalHandlers: [NodeJS.Signals, () => void][] = [];
  #failover: FailoverManager | null = null;
  #watchdog: WatchdogService | null = null;
  /** `servingTag` without a watchdog (a watchdog stops its own joined tag). */
  #servingTag: JoinedTag | null = null;
  readonly #idleClients: IdleClientSweep;
  readonly #loginDeadlines = new LoginDeadlines(LOGIN_TIMEOUT_MS);
  readonly #addressWatch: BackendAddressWatch;
  readonly #source: ConfigSource | null;
  #configPoll: ConfigVersionPoll | null = null;

  private constructor(ctx: ProxyContext, options: ProxyOptions, source: ConfigSource | null) {
    this.#ctx = ctx;
    this.#options = options;
    this.#source = source;
    this.#addressWatch = new BackendAddressWatch(ctx.pools.addresses, (host, addresses) => this.#hostMoved(host, addresses), ctx.log);
    this.#idleClients = new IdleClientSweep(ctx.clients);
    this.#idleClients.configure(ctx.config.pool.clientIdleTimeoutMs);
    this.#listener = createServer({ noDelay: true });
    acceptTransports(this.#listener, (transport) => this.#accept(transport));
  }

  static async start(options: ProxyOptions): Promise<ProxyServer> {
    const source = options.configPath === undefined ? null : proxyConfigSource(options.configPath);
    const config = options.config ?? (await loadProxyConfig(source ?? ''));
    const log = options.log ?? createLogger('proxy', { level: config.logLevel });
    const worker = options.worker;
    const backends = new BackendStates(config.backends);
    const stats = new ProxyStats();
    const addresses = new BackendAddressResolver(config.dns.servers);
    const ctx: ProxyContext = {
      config,
      users: usersByName(config.users),
      tls: secureContext(config.tls),
      pools: new PoolRegistry(config.pool, backendTlsOf(config.tls), log, addresses, {
        waitTimedOut: () => undefined,
        // failover.onBackendError decides inside the manager whether this fails the node over at once.
        serverUnreachable: (pool) => ctx.nodeControl?.backendError(String(pool.backend.id)),
        writerTurnedReadOnly: (server) => proxy.#writerTurnedReadOnly(server),
      }, worker?.limits ?? null),
      backends,
      cancelKeys: new CancelKeys(worker?.cancelRoute ?? null),
      statements: new StatementCatalog(() => ctx.config.pool.maxPreparedStatements),
      stats,
      log,
      targets: (options.chooser ?? defaultChooser)(backends, config, addresses),
      primaryWait: new PrimaryWait(backends, () => ctx.config.failover),
      clients: new Set<ClientView>(),
      reload: async () => undefined,
    };
    const proxy = new ProxyServer(ctx, options, source);
    if (worker) {
      await proxy.#startAsWorker(worker);
      return proxy;
    }
    ctx.reload = () => proxy.reload();
    const joined = joinedTagOf(config, log);
    proxy.#watchdog = watchdogOf(config, log, (transport) => proxy.#accept(transport), joined);
    if (!proxy.#watchdog) proxy.#servingTag = joined;
    if (proxy.#watchdog) ctx.watchdog = proxy.#watchdog;
    const coordinator = proxy.#watchdog ? new WatchdogFailoverCoordinator(proxy.#watchdog) : undefined;
    proxy.#failover = new FailoverManager({ backends, config, log, addresses, dropIdle: (id) => proxy.dropIdle(id), ...(coordinator ? { coordinator } : {}) });
    ctx.nodeControl = proxy.#failover;
    await proxy.#watchdog?.start();
    await proxy.#failover.start();
    proxy.#addressWatch.watch(config.backends);
    await proxy.#listen();
    joined?.serving();
    proxy.#pollConfig();
    return proxy;
  }

  /** One worker thread of several: the supervisor runs what must run once per proxy. */
  async #startAsWorker(worker: WorkerLink): Promise<void> {
    const ctx = this.#ctx;
    worker.limits.attach(ctx.pools);
    worker.follow(ctx.backends);
    ctx.nodeControl = worker.nodeControl;
    ctx.workers = worker.views;
    ctx.reload = () => worker.reloadAll();
    this.#addressWatch.watch(ctx.config.backends);
    await this.#listen(worker.port);
  }

  async #listen(workerPort?: number): Promise<void> {
    const { listen, metrics } = this.#ctx.config;
    const reusePort = workerPort !== undefined;
    await new Promise<void>((resolve, reject) => {
      this.#listener.once('error', reject);
      this.#listener.listen({ port: workerPort ?? listen.port, host: listen.host, reusePort }, () => {
        this.#listener.off('error', reject);
        resolve();
      });
    });
    if (metrics && !reusePort) {
      const { renderProxyMetrics, startMetricsServer } = await import('./metrics.ts'); // prom-client only where metrics are served
      this.#metrics = await startMetricsServer(renderProxyMetrics(this.#ctx), metrics.host, metrics.port, () => this.#stopping === null);
    }
    this.#ctx.log.info('proxy listening', { host: listen.host, port: this.port, metricsPort: this.metricsPort, mode: this.#ctx.config.pool.mode });
  }

  /** A config from an SSM parameter: a new Version is applied like SIGHUP applies an edited file. */
  #pollConfig(): void {
    if (!(this.#source instanceof SsmConfigSource)) return;
    const reload = (): Promise<void> => this.reload();
    this.#configPoll = new ConfigVersionPoll(this.#source, this.#options.configPollMs ?? CONFIG_POLL_MS, reload, this.#ctx.log);
  }

  /** The port clients connect to (resolved when the config says 0). */
  get port(): number {
    const address = this.#listener.address();
    return typeof address === 'object' && address ? address.port : this.#ctx.config.listen.port;
  }

  get metricsPort(): number | null {
    return this.#metrics?.port ?? null;
  }

  /** Proxy-tier HA (proxy/watchdog), when the config has a `watchdog` section. */
  get watchdog(): WatchdogService | null {
    return this.#watchdog;
  }

  /** The backend monitor and failover (proxy/health, proxy/failover). */
  get failover(): FailoverManager | null {
    return this.#failover;
  }

  /** Closes the idle servers of a node that left rotation (the failover says so). */
  dropIdle(nodeId: string): void {
    for (const pool of this.#ctx.pools.pools) if (String(pool.backend.id) === nodeId) while (pool.evictOneIdle());
  }

  /** Servers matching `stale` stop being pooled: idle ones close now, the others when their client gives them back. */
  #retireServers(stale: (server: ServerConnection, host: string) => boolean): void {
    for (const pool of this.#ctx.pools.pools) {
      for (const server of pool.servers) if (stale(server, pool.backend.host)) server.retired = true;
      for (const server of [...pool.idle]) if (server.retired) pool.discard(server);
    }
  }

  /** A backend's name points elsewhere: its servers on the addresses it lost go. */
  #hostMoved(host: string, addresses: readonly string[]): void {
    this.#retireServers((server, serverHost) => serverHost === host && !addresses.includes(server.address));
  }

  /**
   * The writer's server says it cannot write: every server on that address goes (read-only too), and the name is
   * asked again now rather than when its TTL runs out; new logins reaching a read-only server wait (pool.ts).
   */
  #writerTurnedReadOnly(readOnly: ServerConnection): void {
    this.#ctx.log.warn('writer turned read-only; reconnecting', { backend: readOnly.backend.name, address: readOnly.address });
    this.#retireServers((server) => {
      const same = server.nodeId === readOnly.nodeId && server.address === readOnly.address;
      if (same) server.readOnly = true;
      return same;
    });
    this.#ctx.pools.addresses.refresh(readOnly.backend.host).catch(() => undefined); // the next login says why
  }

  /** Live state, for tests and embedding (admin console reads the same). */
  get context(): ProxyContext {
    return this.#ctx;
  }

  #accept(transport: ClientTransport): void {
    if (this.#stopping) {
      transport.destroy();
      return;
    }
    this.#transports.add(transport);
    transport.onClose(this.#forgetTransport);
    void loginClient(this.#ctx, transport, this.#loginDeadlines);
  }

  /**
   * Re-reads the config source (or applies `next`) without dropping clients: users, hba, TLS, pool limits, DNS
   * servers and backend weights/roles take effect for new transactions. What is fixed for the process (listen and
   * metrics addresses, log level) is logged as needing a restart and kept.
   */
  async reload(next?: ProxyConfig): Promise<void> {
    const old = this.#ctx.config;
    const loaded = next ?? (this.#source ? await loadProxyConfig(this.#source) : old);
    const tls = secureContext(loaded.tls);
    const backendTls = backendTlsOf(loaded.tls);
    const restartOnly = restartOnlyChanges(old, loaded);
    if (restartOnly.length > 0) this.#ctx.log.warn('settings changed that need a restart; not applied', { settings: restartOnly });
    const config = withRestartOnlySettingsOf(old, loaded);
    this.#ctx.config = config;
    this.#ctx.users = usersByName(config.users);
    this.#ctx.tls = tls;
    this.#ctx.backends.replace(config.backends);
    this.#ctx.pools.addresses.useServers(config.dns.servers);
    this.#addressWatch.watch(config.backends);
    void this.#failover?.start(config);
    this.#ctx.pools.reconfigure(config.pool, backendTls);
    this.#idleClients.configure(config.pool.clientIdleTimeoutMs);
    const targets = (this.#options.chooser ?? defaultChooser)(this.#ctx.backends, config, this.#ctx.pools.addresses);
    const previous = this.#ctx.targets;
    targets.continueFrom?.(previous);
    this.#ctx.targets = targets;
    previous.close?.();
    this.#ctx.log.info('configuration reloaded', { backends: config.backends.length, users: config.users.length });
  }

  /**
   * Graceful stop: stop accepting, let clients finish their transactions for up to `graceMs`, then close
   * everything. Idle clients are told FATAL 57P01 (admin shutdown) as PostgreSQL would.
   */
  stop(graceMs = this.#ctx.config.pool.shutdownGraceMs): Promise<void> {
    this.#stopping ??= this.#shutdown(graceMs);
    return this.#stopping;
  }

  async #shutdown(graceMs: number): Promise<void> {
    this.#ctx.log.info('proxy stopping', { clients: this.#ctx.clients.size, graceMs });
    // The VIP goes first, so new clients reach the next leader while this proxy drains its own.
    await this.#watchdog?.stop();
    this.#servingTag?.stop();
    this.#failover?.stop();
    this.#idleClients.stop();
    this.#loginDeadlines.stop();
    this.#addressWatch.stop();
    this.#configPoll?.stop();
    const closed = new Promise<void>((resolve) => this.#listener.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    for (;;) {
      for (const client of [...this.#ctx.clients]) {
        if (client.quiescent) client.terminate('57P01', 'terminating connection due to administrator command');
      }
      if (this.#ctx.clients.size === 0 || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_POLL_MS));
    }
    for (const client of [...this.#ctx.clients]) client.terminate('57P01', 'terminating connection due to administrator command');
    for (const transport of this.#transports) transport.destroy();
    this.#ctx.pools.close();
    this.#ctx.targets.close?.();
    await closed;
    await this.#metrics?.close();
    for (const [signal, handler] of this.#signalHandlers) process.off(signal, handler);
    this.#ctx.log.info('proxy stopped');
  }

  /** SIGHUP reloads; SIGTERM/SIGINT stop gracefully. Returns a promise that settles when stopped. */
  handleSignals(): Promise<void> {
    const reload = (): void => {
      this.reload().catch((error: Error) => this.#ctx.log.error('reload failed; keeping the old configuration', { error: error.message }));
    };
    const stop = (): void => void this.stop();
    this.#signalHandlers.push(['SIGHUP', reload], ['SIGTERM', stop], ['SIGINT', stop]);
    for (const [signal, handler] of this.#signalHandlers) process.on(signal, handler);
    return new Promise((resolve) => {
      const wait = (): void => {
        if (this.#stopping) void this.#stopping.then(resolve);
        else setTimeout(wait, 200);
      };
      wait();
    });
  }
}

export function startProxy(options: ProxyOptions): Promise<ProxyServer> {
  return ProxyServer.start(options);
}
