// `local_postgres`: one PostgreSQL instance of a local cluster (`<cluster>.postgres[i]`). The first one is created
// by initdb, the others are cloned from the current primary with pg_basebackup. Which instance is primary is
// owned at runtime (a failover may promote any standby); `membership` says whether an instance belongs to the
// current primary's cluster, and an update makes it so again (pg_rewind, else a fresh clone).
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AttributeValue, ObservedObject, OperationInput, ProviderContext, ResourceType } from '../provider.ts';
import { clusterSuperuserPassword } from './cluster-superuser.ts';
import { membershipOf, roleOf, scanCluster, type ClusterMember, type ClusterScan, type PostgresRecord } from './cluster-members.ts';
import { allocateFreePort, assertPortFree, LOOPBACK_HOST } from './free-port.ts';
import { queryInstance } from './instance-sql.ts';
import { makeScopeTraversable, postgresDir, removeScopeIfEmpty, writeRecord } from './local-layout.ts';
import { localRuntime, noteRootOnce } from './local-runtime.ts';
import { assertParentsTraversable } from './os-user.ts';
import { REPLICATION_CONF, REPLICATION_SETTINGS, renderSettings, writeDbFile, type PgSettings } from './pg-config-files.ts';
import { PgInstance, pgInstancePaths } from './pg-instance.ts';
import { handOverPrimary } from './primary-handover.ts';
import { clearFence, settleFencedPrimary, startFenced } from './primary-fence.ts';

export const POSTGRES_TYPE = 'local_postgres';

export class LocalPostgresError extends Error {}

export function postgresResourceType(): ResourceType {
  return {
    name: POSTGRES_TYPE,
    mode: 'managed',
    attributes: {
      declared_port: { forceNew: true, description: 'the port the topology asks for; null: a free port was allocated' },
      parameters: { description: 'postgresql.conf settings; applied by reload, or a restart when PostgreSQL says pending_restart' },
      role: {
        runtimeOwned: true, changesWith: ['membership'],
        description: 'primary or standby; a failover changes it, and pgtopo accepts the new primary; a rejoin makes it standby',
      },
      state: { description: 'running or stopped; a stopped instance is started' },
      membership: { description: 'in-sync, or what rejoining the current primary takes: false-primary (pg_rewind), follows-stale-primary' },
      port: { computed: true },
      host: { computed: true },
      dir: { computed: true, description: 'the instance directory: data/, run/ (socket), log/' },
    },
    read: async (scope) => {
      const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
      return scan.members.map((member) => observe(member, scan));
    },
    create: createInstance,
    update: updateInstance,
    delete: deleteInstance,
  };
}

function observe(member: ClusterMember, scan: ClusterScan): ObservedObject {
  const { record } = member;
  return {
    id: record.name,
    name: record.name,
    attributes: {
      declared_port: record.declared_port,
      parameters: record.parameters,
      role: roleOf(member, scan),
      state: member.running ? 'running' : 'stopped',
      membership: membershipOf(member, scan),
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

function observeFresh(scope: string, name: string): ObservedObject {
  const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  const member = scan.members.find((candidate) => candidate.record.name === name);
  if (!member) throw new LocalPostgresError(`${name} vanished from ${scope} while pgtopo was changing it`);
  return observe(member, scan);
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

async function updateInstance(current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject> {
  noteRootOnce(context);
  const { binaries, user } = localRuntime();
  const scan = scanCluster(input.scope, binaries, user);
  const member = scan.members.find((candidate) => candidate.record.name === current.name);
  if (!member) throw new LocalPostgresError(`${input.address}: its directory is gone; run apply again to re-create it`);
  await stopLeftovers(member.instance, context);
  if (changed.includes('parameters')) await applyParameters(member, settingsOf(input.attributes), context);
  const membership = membershipOf(member, scan);
  if (membership === 'false-primary' || membership === 'follows-stale-primary') await rejoin(member, scan, membership, input.scope, context);
  if (!member.instance.status().running) {
    context.note('starting');
    await startFenced(member, context);
  }
  const fresh = scanCluster(input.scope, binaries, user);
  const now = fresh.members.find((candidate) => candidate.record.name === current.name);
  if (now?.fenced && !fresh.primary) await settleFencedPrimary(now, input.scope, context);
  return observeFresh(input.scope, current.name);
}

/** Stops what a killed apply left running on the instance before this one touches its directory. */
async function stopLeftovers(instance: PgInstance, context: ProviderContext): Promise<void> {
  const stopped = await instance.stopLeftoverTools();
  if (stopped.length > 0) context.note(`stopped ${stopped.join(', ')}, left running by an apply that died`);
}

async function applyParameters(member: ClusterMember, parameters: PgSettings, context: ProviderContext): Promise<void> {
  const { user } = localRuntime();
  await writeDbFile(join(member.instance.dataDir, REPLICATION_CONF), renderSettings({ ...REPLICATION_SETTINGS, ...parameters }), user);
  await writeRecord(member.dir, { ...member.record, parameters });
  if (!member.running) return;
  await member.instance.reload();
  const pending = await queryInstance<{ name: string }>(member.instance, 'SELECT name FROM pg_settings WHERE pending_restart');
  if (pending.length === 0) {
    context.note('parameters applied by reload');
    return;
  }
  context.note(`restarting: ${pending.map((row) => row.name).join(', ')} need a restart`);
  await member.instance.stop('fast');
  await startFenced(member, context);
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
  context.note(`former primary: rebuilding as a standby of ${primary.instance.name}`);
  await member.instance.stop('fast').catch(() => member.instance.kill9());
  try {
    await member.instance.rewind({ source: primary.instance, superuserPassword });
    context.note('pg_rewind done');
  } catch (error) {
    context.note(`pg_rewind failed (${(error as Error).message.split('\n')[0]}); cloning afresh`);
    await rm(member.instance.dataDir, { recursive: true, force: true });
    await member.instance.cloneStandby({ primary: primary.instance, superuserPassword, settings: member.record.parameters });
  }
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
