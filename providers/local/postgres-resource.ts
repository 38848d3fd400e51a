// `local_postgres`: one PostgreSQL instance of a local cluster (`<cluster>.postgres[i]`). The first one is created
// by initdb, the others are cloned from the current primary with pg_basebackup. Which instance is primary is
// owned at runtime (a failover may promote any standby); `membership` says whether an instance belongs to the
// current primary's cluster, and an update makes it so again (pg_rewind, else a fresh clone).
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AttributeValue, ObservedObject, OperationInput, ProviderContext, ResourceType } from '../provider.ts';
import { clusterSuperuserPassword } from './cluster-superuser.ts';
import { membershipOf, roleOf, scanCluster, type ClusterMember, type ClusterScan, type PostgresRecord } from './cluster-members.ts';
import { divergedAtStart, divergedStandbys } from './diverged-standby.ts';
import { allocateFreePort, assertPortFree, LOOPBACK_HOST } from './free-port.ts';
import { queryInstance } from './instance-sql.ts';
import { makeScopeTraversable, postgresDir, removeScopeIfEmpty, writeRecord } from './local-layout.ts';
import { localRuntime, noteRootOnce } from './local-runtime.ts';
import { oneUpdatePerCluster } from './one-update-per-cluster.ts';
import { assertParentsTraversable } from './os-user.ts';
import { REPLICATION_CONF, REPLICATION_SETTINGS, renderSettings, writeDbFile, type PgSettings } from './pg-config-files.ts';
import { PgInstance, pgInstancePaths } from './pg-instance.ts';
import { handOverPrimary, successorOf } from './primary-handover.ts';
import { settingsNeedingRestart } from './restart-parameters.ts';
import { clearFence, settleFencedPrimary, startFenced } from './primary-fence.ts';

export const POSTGRES_TYPE = 'local_postgres';

export class LocalPostgresError extends Error {}

export function postgresResourceType(): ResourceType {
  return {
    name: POSTGRES_TYPE,
    mode: 'managed',
    attributes: {
      declared_port: { forceNew: true, description: 'the port the topology asks for; null: a free port was allocated' },
      parameters: {
        appliesBy: (after, before) => {
          const because = settingsNeedingRestart(before?.parameters, after.parameters);
          return because.length > 0 ? { by: 'restart', because } : 'reload';
        },
        description: 'postgresql.conf settings; applied by reload, or by a rolling restart (the primary switches over first) for those that need one',
      },
      role: {
        // A rejoin makes a false primary a standby; a restart for a setting hands the primary role to a standby.
        runtimeOwned: true, changesWith: ['membership', 'parameters'],
        description: 'primary or standby; a failover or a switchover changes it, and pgtopo accepts the new primary',
      },
      state: { description: 'running or stopped; a stopped instance is started' },
      membership: { description: 'in-sync, or what rejoining the current primary takes: false-primary or diverged (pg_rewind), follows-stale-primary, no-data (a fresh clone)' },
      port: { computed: true },
      host: { computed: true },
      dir: { computed: true, description: 'the instance directory: data/, run/ (socket), log/' },
    },
    read: async (scope) => {
      const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
      const diverged = await divergedStandbys(scan);
      return scan.members.map((member) => observe(member, scan, diverged));
    },
    create: createInstance,
    update: updateInstance,
    delete: deleteInstance,
  };
}

function observe(member: ClusterMember, scan: ClusterScan, diverged: ReadonlySet<string>): ObservedObject {
  const { record } = member;
  return {
    id: record.name,
    name: record.name,
    attributes: {
      declared_port: record.declared_port,
      parameters: record.parameters,
      role: roleOf(member, scan),
      state: member.running ? 'running' : 'stopped',
      membership: diverged.has(record.name) ? 'diverged' : membershipOf(member, scan),
      port: record.port,
      host: LOOPBACK_HOST,
      dir: member.dir,
    },
  };
}

function indexOf(address: string): number {
  const match = /\.postgres\[(\d+)\]$/.exec(address);
  if (!match) throw new LocalPostgresError(`${address} is not a postgres[<index>] address`);
  return Number(match[1]);
}

function settingsOf(attributes: Record<string, AttributeValue>): PgSettings {
  return (attributes.parameters ?? {}) as PgSettings;
}

async function observeFresh(scope: string, name: string): Promise<ObservedObject> {
  const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  const member = scan.members.find((candidate) => candidate.record.name === name);
  if (!member) throw new LocalPostgresError(`${name} vanished from ${scope} while pgtopo was changing it`);
  return observe(member, scan, await divergedStandbys(scan));
}

async function createInstance(input: OperationInput, context: ProviderContext): Promise<ObservedObject> {
  noteRootOnce(context);
  const { binaries, user } = localRuntime();
  const index = indexOf(input.address);
  const dir = postgresDir(input.scope, index);
  // Leftovers of an interrupted create: a tool still writing the directory or a server it already started must not
  // keep running on deleted files.
  const leftover = new PgInstance({ name: `pg${index}`, port: 0, binaries, user, ...pgInstancePaths(dir) });
  await stopLeftovers(leftover, context);
  await leftover.kill9();
  await rm(dir, { recursive: true, force: true });
  const declared = typeof input.attributes.declared_port === 'number' ? input.attributes.declared_port : null;
  if (declared !== null) await assertPortFree(declared, LOOPBACK_HOST, `${input.address}`);
  const port = declared ?? (await allocateFreePort());
  const instance = new PgInstance({ name: `pg${index}`, port, binaries, user, ...pgInstancePaths(dir) });
  const superuserPassword = await clusterSuperuserPassword(input.scope); // also creates the cluster directory
  if (user.isRoot) await makeScopeTraversable(input.scope);
  await assertParentsTraversable(dir, user);
  const settings = settingsOf(input.attributes);
  const primary = scanCluster(input.scope, binaries, user).primary;
  if (primary?.running) {
    context.note(`cloning from ${primary.instance.name} (127.0.0.1:${primary.record.port}) with pg_basebackup`);
    await instance.cloneStandby({ primary: primary.instance, superuserPassword, settings });
  } else if (input.attributes.role === 'primary' && !primary) {
    await instance.initPrimary({ superuserPassword, settings });
  } else {
    throw new LocalPostgresError(`${input.address}: no running primary to clone a standby from; apply again once the primary runs`);
  }
  await instance.start();
  const record: PostgresRecord = { name: input.name, index, port, declared_port: declared, parameters: settings as PostgresRecord['parameters'] };
  await writeRecord(dir, record);
  return observeFresh(input.scope, input.name);
}

function updateInstance(current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject> {
  noteRootOnce(context);
  return oneUpdatePerCluster(input.scope, 'postgres', () => updateMember(current, input, changed, context));
}

async function updateMember(current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject> {
  const { binaries, user } = localRuntime();
  const scan = scanCluster(input.scope, binaries, user);
  const member = scan.members.find((candidate) => candidate.record.name === current.name);
  if (!member) throw new LocalPostgresError(`${input.address}: its directory is gone; run apply again to re-create it`);
  await stopLeftovers(member.instance, context);
  // Rejoin first: pg_rewind copies the source's configuration files over this instance's.
  const membership = (await divergedStandbys(scan)).has(member.record.name) ? 'diverged' : membershipOf(member, scan);
  if (['false-primary', 'follows-stale-primary', 'diverged', 'no-data'].includes(membership)) await rejoin(member, scan, membership, input.scope, context);
  if (changed.includes('parameters')) await applyParameters(member, settingsOf(input.attributes), input.scope, context);
  if (!member.instance.status().running) await startMember(member, input.scope, context);
  const fresh = scanCluster(input.scope, binaries, user);
  const now = fresh.members.find((candidate) => candidate.record.name === current.name);
  if (now?.fenced && !fresh.primary) await settleFencedPrimary(now, input.scope, context);
  return observeFresh(input.scope, current.name);
}

/** Starts a stopped instance; a standby that diverged from the current primary's timeline is rebuilt first. */
async function startMember(member: ClusterMember, scope: string, context: ProviderContext): Promise<void> {
  context.note('starting');
  try {
    await startFenced(member, context);
  } catch (error) {
    if (!divergedAtStart(error)) throw error;
    await rejoin(member, scanCluster(scope, localRuntime().binaries, localRuntime().user), 'diverged', scope, context);
    await startFenced(member, context);
  }
}

/** Stops what a killed apply left running on the instance before this one touches its directory. */
async function stopLeftovers(instance: PgInstance, context: ProviderContext): Promise<void> {
  const stopped = await instance.stopLeftoverTools();
  if (stopped.length > 0) context.note(`stopped ${stopped.join(', ')}, left running by an apply that died`);
}

function writeSettingsFile(member: ClusterMember, parameters: PgSettings): Promise<void> {
  return writeDbFile(join(member.instance.dataDir, REPLICATION_CONF), renderSettings({ ...REPLICATION_SETTINGS, ...parameters }), localRuntime().user);
}

/**
 * The record says what the instance runs with, so it is written once the settings are in effect: a restart that
 * failed leaves the old ones recorded, and the next plan shows the change again.
 */
function recordParameters(member: ClusterMember, parameters: PgSettings): Promise<void> {
  return writeRecord(member.dir, { ...member.record, parameters });
}

/**
 * Writes the settings and reloads. When some need a restart, a primary hands its role over first (a rolling
 * restart): the successor restarts with the settings, takes over by switchover (no write lost; only one in flight
 * at the fence can be refused) and this instance restarts as its standby. Restarted in place, the proxies'
 * failover would take the restart for a crash and promote one anyway, leaving this instance a false primary.
 */
async function applyParameters(member: ClusterMember, parameters: PgSettings, scope: string, context: ProviderContext): Promise<void> {
  const pending = await reloadParameters(member, parameters);
  if (pending === undefined) return;
  if (pending.length === 0) {
    context.note('parameters applied by reload');
    return;
  }
  context.note(`restarting: ${pending.join(', ')} need a restart`);
  const successor = successorBeforeRestart(member, scope);
  if (successor) await restartAfterHandover(successor, parameters, scope, context);
  else await restartInPlace(member, context);
  await recordParameters(member, parameters);
}

/** The successor restarts with the settings and takes over; the old primary rejoins it as a standby with them. */
async function restartAfterHandover(successor: Successor, parameters: PgSettings, scope: string, context: ProviderContext): Promise<void> {
  const { leaving, member: next } = successor;
  if ((await reloadParameters(next, parameters))?.length) {
    context.note(`restarting ${next.instance.name} with the settings first, to take over the primary role`);
    await restartInPlace(next, context);
    await recordParameters(next, parameters);
  }
  await handOverPrimary(leaving, successor.scan, scope, context, next);
  const after = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  const left = after.members.find((candidate) => candidate.record.name === leaving.record.name);
  if (!left || !after.primary || after.primary === left) {
    throw new LocalPostgresError(`${leaving.instance.name}: the switchover to ${next.instance.name} did not take place; it keeps running with its old settings`);
  }
  await rejoin(left, after, 'false-primary', scope, context);
  // pg_rewind copied the successor's configuration files over this instance's: write its own again.
  await writeSettingsFile(leaving, parameters);
}

/**
 * Writes the settings; reloads a running instance and returns the settings that still need a restart. Recorded
 * unless some do: a stopped instance starts with them.
 */
async function reloadParameters(member: ClusterMember, parameters: PgSettings): Promise<string[] | undefined> {
  await writeSettingsFile(member, parameters);
  const running = member.instance.status().running;
  if (running) await member.instance.reload();
  const pending = running ? await queryInstance<{ name: string }>(member.instance, 'SELECT name FROM pg_settings WHERE pending_restart') : [];
  if (pending.length === 0) await recordParameters(member, parameters);
  return running ? pending.map((row) => row.name) : undefined;
}

async function restartInPlace(member: ClusterMember, context: ProviderContext): Promise<void> {
  await member.instance.stop('fast');
  await startFenced(member, context);
}

interface Successor { leaving: ClusterMember; member: ClusterMember; scan: ClusterScan }

/** When `member` is the running primary: the standby that would take over, with the scan it was chosen from. */
function successorBeforeRestart(member: ClusterMember, scope: string): Successor | undefined {
  const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  const leaving = scan.members.find((candidate) => candidate.record.name === member.record.name);
  if (!leaving?.running || scan.primary !== leaving) return undefined;
  const successor = successorOf(leaving, scan);
  return successor && { leaving, member: successor, scan };
}

/** Makes a former primary or a lost standby follow the current primary again. */
async function rejoin(member: ClusterMember, scan: ClusterScan, membership: string, scope: string, context: ProviderContext): Promise<void> {
  const primary = scan.primary;
  if (!primary?.running) throw new LocalPostgresError(`${member.instance.name}: no running primary to rejoin; the primary must run first`);
  const superuserPassword = await clusterSuperuserPassword(scope);
  if (membership === 'follows-stale-primary') {
    context.note(`re-pointing at the current primary ${primary.instance.name}`);
    await member.instance.followPrimary({ primary: primary.instance, superuserPassword });
    await member.instance.stop('fast');
    await clearFence(member);
    return;
  }
  await member.instance.stop('fast').catch(() => member.instance.kill9());
  if (membership === 'no-data') {
    context.note(`its data directory is gone: cloning it afresh as a standby of ${primary.instance.name}`);
    await cloneAfresh(member, primary, superuserPassword);
    return;
  }
  context.note(membership === 'diverged'
    ? `its WAL runs past where ${primary.instance.name}'s timeline forked off: rebuilding it as a standby of ${primary.instance.name}`
    : `former primary: rebuilding as a standby of ${primary.instance.name}`);
  try {
    await member.instance.rewind({ source: primary.instance, superuserPassword });
    context.note('pg_rewind done');
  } catch (error) {
    context.note(`pg_rewind failed (${(error as Error).message.split('\n')[0]}); cloning afresh`);
    await cloneAfresh(member, primary, superuserPassword);
    return;
  }
  await clearFence(member);
}

async function cloneAfresh(member: ClusterMember, primary: ClusterMember, superuserPassword: string): Promise<void> {
  await rm(member.instance.dataDir, { recursive: true, force: true });
  await member.instance.cloneStandby({ primary: primary.instance, superuserPassword, settings: member.record.parameters });
  await clearFence(member);
}

async function deleteInstance(current: ObservedObject, context: ProviderContext): Promise<void> {
  const scope = dirname(String(current.attributes.dir));
  const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  const member = scan.members.find((candidate) => candidate.record.name === current.name);
  if (member) {
    await stopLeftovers(member.instance, context);
    await handOverPrimary(member, scan, scope, context);
    await member.instance.stop('fast').catch(() => member.instance.kill9());
    await rm(member.dir, { recursive: true, force: true });
  }
  await removeScopeIfEmpty(scope);
}
