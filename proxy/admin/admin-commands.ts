// The admin console's commands: each returns a result set (or a command tag) computed from live proxy state.
// Column names follow Pgpool-II (SHOW POOL_NODES) and PgBouncer (SHOW POOLS/CLIENTS/SERVERS/STATS).
import type { ProxyContext } from '../proxy-context.ts';
import type { TargetChooser } from '../target-chooser.ts';
import { NodeControlError } from '../failover/failover-manager.ts';
import { showWatchdogRows } from './show-watchdog.ts';
import { isAggregatedShow, mergeShow } from '../workers/aggregated-shows.ts';

export interface ResultSet {
  columns: string[];
  rows: (string | null)[][];
  tag: string;
}

export type AdminResult = ResultSet | { tag: string };

export class AdminCommandError extends Error {
  readonly sqlstate: string;
  constructor(sqlstate: string, message: string) {
    super(message);
    this.sqlstate = sqlstate;
  }
}

/** A chooser that can explain routes (the router-backed one) — SHOW ROUTE FOR needs it. */
export interface RouteExplainer {
  explain(sql: string): { destination: string; node: string; rule: number; reason: string };
}

function isExplainer(chooser: TargetChooser): chooser is TargetChooser & RouteExplainer {
  return typeof (chooser as Partial<RouteExplainer>).explain === 'function';
}

function rows(columns: string[], data: (string | number | null)[][]): ResultSet {
  return {
    columns,
    rows: data.map((row) => row.map((v) => (v === null ? null : String(v)))),
    tag: 'SELECT',
  };
}

function showPoolNodes(ctx: ProxyContext): ResultSet {
  const primaryId = ctx.backends.primary().node.id;
  return rows(
    ['node_id', 'hostname', 'port', 'status', 'lb_weight', 'role', 'select_cnt', 'load_balance_node', 'replication_delay', 'last_status_change'],
    ctx.backends.all.map((s) => [
      s.config.id,
      s.config.host,
      s.config.port,
      s.node.status,
      s.node.weight,
      s.node.falsePrimary ? 'false primary' : s.node.role,
      ctx.stats.routed.get(`balanced\0${s.config.name}`) ?? 0,
      s.node.id === primaryId ? 'true' : 'false',
      s.node.lagBytes ?? 0,
      s.lastStatusChange.toISOString(),
    ]),
  );
}

function showPools(ctx: ProxyContext): ResultSet {
  const waitingBy = new Map<string, number>();
  for (const client of ctx.clients) {
    if (client.state === 'waiting') waitingBy.set(client.database, (waitingBy.get(client.database) ?? 0) + 1);
  }
  return rows(
    ['node', 'database', 'user', 'sv_active', 'sv_idle', 'sv_opening', 'cl_waiting', 'wait_count', 'maxwait_ms', 'pool_mode'],
    ctx.pools.pools.map((p) => [
      p.backend.name, p.database, p.user.name, p.active, p.idle.length, p.opening, p.waiting, p.waitCount, p.maxWaitMs,
      ctx.config.pool.mode,
    ]),
  );
}

function showClients(ctx: ProxyContext): ResultSet {
  return rows(
    ['id', 'user', 'database', 'address', 'state', 'server_id', 'pinned', 'application_name', 'connect_time'],
    [...ctx.clients].map((c) => [
      c.id, c.user, c.database, c.address, c.state, c.serverId, c.pinned, c.applicationName, c.connectedAt.toISOString(),
    ]),
  );
}

function showServers(ctx: ProxyContext): ResultSet {
  const data: (string | number | null)[][] = [];
  for (const pool of ctx.pools.pools) {
    for (const s of pool.servers) {
      data.push([
        s.id, pool.backend.name, pool.database, pool.user.name, s.state, s.backendPid, s.transactions,
        new Date(s.createdAt).toISOString(), new Date(s.lastUsedAt).toISOString(),
      ]);
    }
  }
  return rows(['id', 'node', 'database', 'user', 'state', 'backend_pid', 'transactions', 'connect_time', 'last_used'], data);
}

function showStats(ctx: ProxyContext): ResultSet {
  const s = ctx.stats;
  const avgUs = s.latencyCount === 0 ? 0 : Math.round((s.latencySum / s.latencyCount) * 1e6);
  const errors = [...s.errors.values()].reduce((a, b) => a + b, 0);
  const pinned = [...ctx.clients].filter((c) => c.pinned !== null).length;
  return rows(
    ['clients_accepted', 'clients_rejected', 'clients_connected', 'clients_pinned', 'pins_total', 'transactions', 'queries', 'avg_xact_us', 'errors', 'pool_wait_timeouts', 'prepared_statements'],
    [[
      s.clientsAccepted, s.clientsRejected, ctx.clients.size, pinned, [...s.pins.values()].reduce((a, b) => a + b, 0),
      s.transactions, s.queries, avgUs, errors, s.poolWaitTimeouts, ctx.statements.size,
    ]],
  );
}

function showConfig(ctx: ProxyContext): ResultSet {
  const c = ctx.config;
  // Users and their secrets are deliberately absent.
  const settings: [string, string][] = [
    ['listen', `${c.listen.host}:${c.listen.port}`],
    ['metrics', c.metrics ? `${c.metrics.host}:${c.metrics.port}` : 'off'],
    ['tls.client', c.tls.client],
    ['tls.backend', c.tls.backend],
    ['backends', c.backends.map((b) => `${b.name}=${b.host}:${b.port}`).join(',')],
    ...Object.entries(c.pool).map(([k, v]): [string, string] => [`pool.${k}`, String(v)]),
    ['users', String(c.users.length)],
    ['hba_rules', String(c.hba.length)],
    ['log_level', c.logLevel],
  ];
  return rows(['key', 'value'], settings);
}

function showRoute(ctx: ProxyContext, statement: string): ResultSet {
  if (!isExplainer(ctx.targets)) {
    const primary = ctx.backends.primary();
    return rows(['destination', 'node', 'rule', 'reason'], [['primary', primary.config.name, 0, 'load balancing off or a single backend: every statement goes to the primary']]);
  }
  const e = ctx.targets.explain(statement);
  return rows(['destination', 'node', 'rule', 'reason'], [[e.destination, e.node, e.rule, e.reason]]);
}

type NodeCommand = 'detach' | 'attach' | 'promote';

/** DETACH NODE / ATTACH NODE / PROMOTE NODE <id> (proxy/failover applies the safety rules). */
async function runNodeCommand(ctx: ProxyContext, command: NodeCommand, id: string): Promise<AdminResult> {
  if (!ctx.nodeControl) throw new AdminCommandError('55000', 'node control is not available in this proxy');
  try {
    await ctx.nodeControl[command](id);
  } catch (error) {
    throw new AdminCommandError(error instanceof NodeControlError ? error.sqlstate : '55000', (error as Error).message);
  }
  return { tag: `${command.toUpperCase()} NODE` };
}

function showWatchdog(ctx: ProxyContext): ResultSet {
  if (!ctx.watchdog) throw new AdminCommandError('55000', 'this proxy runs no watchdog (no `watchdog` section in its config)');
  return showWatchdogRows(ctx.watchdog.status());
}

/** This event loop's share of the proxy: one row (with worker threads, SHOW WORKERS lists them all). */
function showWorkers(ctx: ProxyContext): ResultSet {
  const s = ctx.stats;
  return rows(
    ['worker', 'clients_connected', 'servers', 'clients_accepted', 'transactions', 'queries', 'nodes_up', 'cancels_forwarded'],
    [[
      ctx.workers?.index ?? 0, ctx.clients.size, ctx.pools.serverCount, s.clientsAccepted, s.transactions, s.queries,
      ctx.backends.all.filter((b) => b.node.status === 'up').length, ctx.cancelKeys.forwarded,
    ]],
  );
}

const SHOWS: Record<string, (ctx: ProxyContext) => ResultSet> = {
  pool_nodes: showPoolNodes,
  pools: showPools,
  clients: showClients,
  servers: showServers,
  stats: showStats,
  config: showConfig,
  watchdog: showWatchdog,
  workers: showWorkers,
};

/** SHOW `name` of this event loop alone (what a worker answers the others). */
export function localShow(ctx: ProxyContext, name: string): ResultSet {
  const show = SHOWS[name] as ((ctx: ProxyContext) => ResultSet) | undefined;
  if (!show) throw new AdminCommandError('42601', `unknown SHOW ${name}`);
  return show(ctx);
}

async function show(ctx: ProxyContext, name: string): Promise<ResultSet> {
  if (!ctx.workers || !isAggregatedShow(name)) return localShow(ctx, name);
  return mergeShow(name, await ctx.workers.gather(name));
}

/** What SHOW HELP lists, as PgBouncer's console does: every statement the console takes. */
const HELP: ReadonlyArray<[string, string]> = [
  ['SHOW POOL_NODES', 'each backend: status, role, weight, reads sent, replication delay (Pgpool-II\'s columns)'],
  ['SHOW POOLS', 'each pool (node, database, user): server connections by state, waiting clients'],
  ['SHOW CLIENTS', 'each client connection'],
  ['SHOW SERVERS', 'each server connection'],
  ['SHOW STATS', 'totals: clients, transactions, queries, bytes'],
  ['SHOW CONFIG', 'the running settings (without users and secrets)'],
  ['SHOW WATCHDOG', 'the watchdog members, leader and VIP'],
  ['SHOW WORKERS', 'each event loop of the proxy'],
  ['SHOW ROUTE FOR <sql>', 'where a statement would go, and the rule that decides it'],
  ['SHOW HELP', 'this list'],
  ['RELOAD', 're-read the config (as SIGHUP)'],
  ['PAUSE', 'hold new transactions until RESUME'],
  ['RESUME', 'let held transactions go'],
  ['DETACH NODE <id>', 'route around a backend'],
  ['ATTACH NODE <id>', 'route to a detached backend again'],
  ['PROMOTE NODE <id>', 'switch over: make a standby the primary'],
];

/** Runs one admin statement (trailing ';' and case ignored). */
export async function runAdminCommand(ctx: ProxyContext, sql: string): Promise<AdminResult> {
  const text = sql.trim().replace(/;\s*$/, '');
  const route = /^show\s+route\s+for\s+([\s\S]+)$/i.exec(text);
  if (route) return showRoute(ctx, route[1]);
  const node = /^(detach|attach|promote)\s+node\s+(\d+)$/i.exec(text);
  if (node) return runNodeCommand(ctx, node[1].toLowerCase() as NodeCommand, node[2]);
  const words = text.toLowerCase().split(/\s+/);
  if (words[0] === 'show' && words.length === 2 && words[1] in SHOWS) return show(ctx, words[1]);
  if (words[0] === 'show' && words[1] === 'help' && words.length === 2) return rows(['command', 'what it does'], HELP.map((entry) => [...entry]));
  if (words.length === 1) {
    switch (words[0]) {
      case 'reload':
        await ctx.reload();
        return { tag: 'RELOAD' };
      case 'pause':
        if (ctx.workers) await ctx.workers.everywhere('pause');
        else ctx.pools.pause();
        return { tag: 'PAUSE' };
      case 'resume':
        if (ctx.workers) await ctx.workers.everywhere('resume');
        else ctx.pools.resume();
        return { tag: 'RESUME' };
    }
  }
  throw new AdminCommandError(
    '42601',
    `unknown admin command "${text.slice(0, 80)}"; SHOW HELP lists them (SHOW POOL_NODES|POOLS|CLIENTS|SERVERS|STATS|CONFIG|WATCHDOG|WORKERS, SHOW ROUTE FOR <sql>, RELOAD, PAUSE, RESUME, DETACH|ATTACH|PROMOTE NODE <id>)`,
  );
}
