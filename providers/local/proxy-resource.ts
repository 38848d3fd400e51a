// `local_proxy`: one proxy process of a local cluster (`<cluster>.proxy[i]`), the builtin proxy or Pgpool-II.
// Reality is the proxy's directory (its record and config files) plus whether its process runs. Its tier sections
// (proxy-tier/tier-attributes.ts) are applied by SIGHUP or by a restart, as each says; a dead process is restarted.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ProxyBackendDocument, ProxyTierConfig, ProxyUserDocument } from '../../proxy/config/proxy-tier-settings.ts';
import type { AttributeSchema, AttributeValue, ObservedObject, OperationInput, ProviderContext, Replacement, ReplacementOrder, ResourceType } from '../provider.ts';
import { allocateFreePort, assertPortFree, LOOPBACK_HOST } from './free-port.ts';
import { indexedDirs, proxyDir, readRecord, removeScopeIfEmpty, writeRecord } from './local-layout.ts';
import { proxyConfigFile, writeProxyFiles } from './proxy-files.ts';
import { reloadProxyProcess, runningProxyPid, startProxyProcess, stopProxyProcess, type ProxyEngine } from './proxy-process.ts';
import { localRuntime } from './local-runtime.ts';
import { withLocalWatchdog } from './local-watchdog-files.ts';
import { oneUpdatePerCluster } from './one-update-per-cluster.ts';
import type { DbOsUser } from './os-user.ts';
import { pgpoolRoutesToPrimary } from './pgpool-primary-view.ts';
import { seedPgpoolStatus } from './pgpool-start-status.ts';
import { handOverBeforeProxyDrops } from './primary-handover.ts';
import {
  formerTierNames, joinTier, TIER_SECTION_NAMES, tierAppliesBy, tierChangeAppliesBy, tierSectionDescription, tierSections, withCurrentTierNames,
  type AppliesBy,
} from '../../proxy-tier/tier-attributes.ts';

export const PROXY_TYPE = 'local_proxy';

interface ProxyRecord {
  name: string;
  cluster: string;
  index: number;
  engine: ProxyEngine;
  port: number;
  /** Pgpool-II's control port (pcp), allocated once. */
  pcp_port: number;
  /** The tier sections it runs with. */
  tier: Record<string, AttributeValue>;
}

export function proxyResourceType(): ResourceType {
  return {
    name: PROXY_TYPE,
    mode: 'managed',
    attributes: {
      engine: { forceNew: true, description: 'builtin or pgpool2' },
      ...tierAttributeSchema(),
      state: { description: 'running or stopped; a stopped proxy is started' },
      port: { computed: true },
      host: { computed: true },
      dir: { computed: true },
    },
    read: async (scope) => indexedDirs(scope, 'proxy').flatMap((index) => {
      const dir = proxyDir(scope, index);
      const record = readProxyRecord(dir);
      return record ? [observe(dir, record)] : [];
    }),
    create: createProxy,
    update: updateProxy,
    delete: deleteProxy,
    replacementOrder: proxyReplacementOrder,
  };
}

/**
 * A proxy is replaced only for a new `engine`. Without a watchdog only the coordinator's index promotes under either
 * engine, and its old process is gone before its new one starts, so the proxies roll and the others keep serving.
 * A watchdog's elected leader promotes from whichever member it is, so a builtin member left running could promote
 * beside Pgpool-II's coordinator: every old proxy stops first.
 */
function proxyReplacementOrder(replacement: Replacement): ReplacementOrder {
  const watched = isPresent(replacement.before.watchdog) || isPresent(replacement.after.watchdog);
  return { group: replacement.scope, order: watched ? 'all-destroyed-first' : 'rolling' };
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function tierAttributeSchema(): Record<string, AttributeSchema> {
  return Object.fromEntries(TIER_SECTION_NAMES.map((name): [string, AttributeSchema] => {
    const appliesBy = (after: Record<string, AttributeValue>, before?: Record<string, AttributeValue>): AppliesBy =>
      tierChangeAppliesBy(name, after.engine === 'pgpool2' ? 'pgpool2' : 'builtin', before?.[name], after[name])!;
    return [name, { description: tierSectionDescription(name), appliesBy, formerNames: formerTierNames(name) }];
  }));
}

/** A proxy's record; one written before 0.2 names its tier sections the former way. */
function readProxyRecord(dir: string): ProxyRecord | undefined {
  const record = readRecord<ProxyRecord>(dir);
  return record && { ...record, tier: withCurrentTierNames(record.tier) };
}

function observe(dir: string, record: ProxyRecord): ObservedObject {
  const running = runningProxyPid(dir, proxyConfigFile(dir, record.engine)) !== undefined;
  return {
    id: record.name,
    name: record.name,
    attributes: {
      engine: record.engine,
      ...record.tier,
      state: running ? 'running' : 'stopped',
      port: record.port,
      host: LOOPBACK_HOST,
      dir,
    },
  };
}

function parseAddress(address: string): { cluster: string; index: number } {
  const match = /^(.+)\.proxy\[(\d+)\]$/.exec(address);
  if (!match) throw new Error(`${address} is not a <cluster>.proxy[<index>] address`);
  return { cluster: match[1]!, index: Number(match[2]) };
}

function declaredPort(attributes: Record<string, AttributeValue>): number | null {
  const port = attributes.declared_port;
  return typeof port === 'number' ? port : null;
}

async function choosePort(declared: number | null, address: string): Promise<number> {
  if (declared === null) return allocateFreePort();
  await assertPortFree(declared, LOOPBACK_HOST, address);
  return declared;
}

async function createProxy(input: OperationInput, context: ProviderContext): Promise<ObservedObject> {
  const { cluster, index } = parseAddress(input.address);
  const dir = proxyDir(input.scope, index);
  const engine = input.attributes.engine as ProxyEngine;
  // Leftovers of an interrupted create: a proxy it already started would hold the port.
  await stopProxyProcess(dir, proxyConfigFile(dir, engine));
  await rm(dir, { recursive: true, force: true });
  const record: ProxyRecord = {
    name: input.name, cluster, index, engine,
    port: await choosePort(declaredPort(input.attributes), input.address),
    pcp_port: engine === 'pgpool2' ? await allocateFreePort() : 0,
    tier: tierSections(input.attributes),
  };
  await launch(dir, record, context);
  await writeRecord(dir, record);
  return observe(dir, record);
}

/** What the proxy runs with: its record's tier, with the cluster's watchdog ports and key (local-watchdog-files.ts). */
function runningTier(dir: string, record: ProxyRecord, user: DbOsUser): Promise<ProxyTierConfig> {
  return withLocalWatchdog(dirname(dir), tierOf(record), user);
}

async function launch(dir: string, record: ProxyRecord, context: ProviderContext): Promise<void> {
  const { user } = localRuntime();
  const tier = await runningTier(dir, record, user);
  const metrics = tier.config.metrics;
  if (metrics) await assertPortFree(metrics.port, metrics.host, `${record.cluster}.proxy[${record.index}] metrics`);
  const env = await writeProxyFiles(dir, tier, record.pcp_port, user);
  // The watchdog's `ip` VIP driver runs `ip addr add/del` (proxy/watchdog/vip/linux-ip-vip.ts).
  const capabilities = tier.config.watchdog?.vip.type === 'ip' ? ['net_admin'] : [];
  const keepStatus = record.engine === 'pgpool2' && await seedPgpoolStatus(dir, dirname(dir), tier, user);
  const pid = await startProxyProcess({
    dir, engine: record.engine, configFile: proxyConfigFile(dir, record.engine), host: LOOPBACK_HOST, port: record.port, env, user, capabilities, keepStatus,
  });
  context.note(`${record.engine} proxy (pid ${pid}) listening on ${LOOPBACK_HOST}:${record.port}`);
}

function updateProxy(current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject> {
  return oneUpdatePerCluster(input.scope, 'proxies', () => changeProxy(current, input, changed, context));
}

async function changeProxy(current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject> {
  const dir = String(current.attributes.dir);
  const previous = readProxyRecord(dir);
  if (!previous) throw new Error(`${input.address}: ${dir} lost its record; delete it with \`pgtopo destroy --target ${input.address}\` and apply again`);
  const portChanged = declaredPort(input.attributes) !== declaredPort(previous.tier);
  const record: ProxyRecord = {
    ...previous,
    port: portChanged ? await choosePort(declaredPort(input.attributes), input.address) : previous.port,
    tier: tierSections(input.attributes),
  };
  const configFile = proxyConfigFile(dir, record.engine);
  const running = runningProxyPid(dir, configFile) !== undefined;
  // Restarted without the live primary in its list, a coordinator finds every node in recovery and promotes one
  // beside it; reloaded, it can no longer fence it for a switchover. So the role moves first.
  await handOverBeforeProxyDrops(input.scope, tierOf(record).config.backends.map((backend) => backend.name), context);
  const needsRestart = await restartReasons(record, previous, changed, running);
  if (running && needsRestart.length === 0 && changed.some((key) => tierAppliesBy(key, record.engine) !== undefined)) {
    const { user } = localRuntime();
    await writeProxyFiles(dir, await runningTier(dir, record, user), record.pcp_port, user);
    reloadProxyProcess(dir, configFile);
    context.note('configuration reloaded (SIGHUP)');
  } else {
    if (running) {
      context.note(`restarting: ${needsRestart.join('; ')}`);
      await stopProxyProcess(dir, configFile);
    }
    await launch(dir, record, context);
  }
  await writeRecord(dir, record);
  return observe(dir, record);
}

/** What a running proxy must restart for; nothing when a reload takes the changes. */
async function restartReasons(record: ProxyRecord, previous: ProxyRecord, changed: string[], running: boolean): Promise<string[]> {
  const keys = changed.filter((key) => tierChangeAppliesBy(key, record.engine, previous.tier[key], record.tier[key]) === 'restart');
  if (keys.length > 0) return [`${keys.join(', ')} changed`];
  if (!running || record.engine !== 'pgpool2' || !changed.includes('backends')) return [];
  const { config } = tierOf(record);
  const view = { name: `${record.cluster}.proxy[${record.index}]`, port: record.port, users: config.users, backends: config.backends };
  return await pgpoolRoutesToPrimary(view) ? [] : ['Pgpool-II does not route writes to the new primary (it finds one only at start or failover)'];
}

/**
 * Restarts the running proxies of a cluster: a proxy keeps its users' passwords in memory (from its environment or
 * files read at start), so after a password change it must start again to log in to PostgreSQL.
 */
export async function restartRunningProxies(scope: string, context: ProviderContext): Promise<void> {
  for (const index of indexedDirs(scope, 'proxy')) {
    const dir = proxyDir(scope, index);
    const record = readProxyRecord(dir);
    if (!record || runningProxyPid(dir, proxyConfigFile(dir, record.engine)) === undefined) continue;
    context.note(`restarting ${record.cluster}.proxy[${record.index}] for the new password`);
    await stopProxyProcess(dir, proxyConfigFile(dir, record.engine));
    await launch(dir, record, context);
  }
}

export interface FailoverOwner {
  name: string;
  engine: ProxyEngine | 'unknown';
}

/**
 * The running proxies of a cluster that may promote a standby by themselves: the failover coordinator with failover
 * on, or a running proxy whose create was interrupted before its record (its settings unknown, so it counts too).
 */
export function runningFailoverOwners(scope: string): FailoverOwner[] {
  return indexedDirs(scope, 'proxy').flatMap((index): FailoverOwner[] => {
    const dir = proxyDir(scope, index);
    const record = readProxyRecord(dir);
    if (!record) {
      const running = (['builtin', 'pgpool2'] as const).some((engine) => runningProxyPid(dir, proxyConfigFile(dir, engine)) !== undefined);
      return running ? [{ name: `proxy${index} (no record yet)`, engine: 'unknown' }] : [];
    }
    if (runningProxyPid(dir, proxyConfigFile(dir, record.engine)) === undefined) return [];
    const { failover } = tierOf(record);
    return failover.enabled && failover.coordinator ? [{ name: `${record.cluster}.proxy[${record.index}]`, engine: record.engine }] : [];
  });
}

/** A running builtin failover coordinator of a cluster and the backends its running configuration lists. */
export interface RunningCoordinator {
  name: string;
  port: number;
  backends: ProxyBackendDocument[];
  /** The user pgtopo logs in to its admin console as: the first admin user with a password. */
  admin: ProxyUserDocument | undefined;
}

export function runningBuiltinCoordinators(scope: string): RunningCoordinator[] {
  return indexedDirs(scope, 'proxy').flatMap((index): RunningCoordinator[] => {
    const dir = proxyDir(scope, index);
    const record = readProxyRecord(dir);
    if (!record || record.engine !== 'builtin' || runningProxyPid(dir, proxyConfigFile(dir, record.engine)) === undefined) return [];
    const { failover, config } = tierOf(record);
    if (!failover.enabled || !failover.coordinator) return [];
    const admin = config.users.find((user) => user.admin && user.password);
    return [{ name: `${record.cluster}.proxy[${record.index}]`, port: record.port, backends: config.backends, admin }];
  });
}

/** Where a builtin proxy of `dir` serves /metrics, if it does (its view of the backends, for `pgtopo status`). */
export function proxyMetricsEndpoint(dir: string): { host: string; port: number } | undefined {
  const record = readProxyRecord(dir);
  return record?.engine === 'builtin' ? tierOf(record).config.metrics : undefined;
}

function tierOf(record: ProxyRecord): ProxyTierConfig {
  const tier = joinTier({ cluster: record.cluster, engine: record.engine, index: record.index, host: LOOPBACK_HOST, port: record.port, sections: record.tier });
  return { ...tier, config: { ...tier.config, backends: tier.config.backends.map(fenceFalsePrimary) } };
}

/** A returned old primary gets no traffic until it is rebuilt as a standby: no reads (weight 0), never the primary. */
function fenceFalsePrimary(backend: ProxyBackendDocument): ProxyBackendDocument {
  const role = backend.role as string;
  if (role === 'primary' || role === 'standby') return backend;
  // A fenced primary (in recovery, no other primary) is still the one the proxies should promote back.
  if (role === 'fenced-primary') return { ...backend, role: 'primary' };
  return { ...backend, role: 'standby', weight: 0 };
}

async function deleteProxy(current: ObservedObject): Promise<void> {
  const dir = String(current.attributes.dir);
  const record = readProxyRecord(dir);
  if (record) await stopProxyProcess(dir, proxyConfigFile(dir, record.engine));
  await rm(dir, { recursive: true, force: true });
  await removeScopeIfEmpty(dirname(dir));
}
