// What a directory scan of one cluster says about its PostgreSQL instances, without connecting to any: which
// data dirs exist, which postmasters live, who is configured as standby and of whom, each one's timeline. From
// that it decides the current primary (after a failover: the promoted node, whose timeline is newer) and what
// every other member needs to rejoin it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgBinaries } from './pg-binaries.ts';
import type { DbOsUser } from './os-user.ts';
import { PgInstance, pgInstancePaths } from './pg-instance.ts';
import { fencedPrimaryMarker, indexedDirs, postgresDir, readRecord } from './local-layout.ts';

/** What a create recorded; the port is remembered here so a restart reuses an allocated one. */
export interface PostgresRecord {
  name: string;
  index: number;
  port: number;
  declared_port: number | null;
  parameters: Record<string, string | number | boolean>;
}

/**
 * in-sync: the current primary, or a standby of it. fenced-primary: a returned primary kept in recovery until it
 * is clear that nobody else is or becomes the primary. no-data: its data directory is gone (deleted by hand, a
 * lost disk). The others need a rebuild before they serve.
 */
export type Membership = 'in-sync' | 'fenced-primary' | 'false-primary' | 'follows-stale-primary' | 'no-primary' | 'no-data';

export interface ClusterMember {
  record: PostgresRecord;
  dir: string;
  instance: PgInstance;
  running: boolean;
  /** The data directory holds a cluster (PG_VERSION): without one there is nothing to start, promote or rewind. */
  hasData: boolean;
  /** standby.signal present: configured to run in recovery. */
  standby: boolean;
  /** A returned primary started in recovery that has neither been promoted nor rebuilt as a standby yet. */
  fenced: boolean;
  timeline: number;
  /** Port in the standby's primary_conninfo. */
  upstreamPort: number | null;
}

export interface ClusterScan {
  members: ClusterMember[];
  primary: ClusterMember | undefined;
}

export function scanCluster(scope: string, binaries: PgBinaries, user: DbOsUser): ClusterScan {
  const members = indexedDirs(scope, 'pg').flatMap((index) => {
    const dir = postgresDir(scope, index);
    const record = readRecord<PostgresRecord>(dir);
    return record ? [member(dir, record, binaries, user)] : [];
  });
  return { members, primary: currentPrimary(members) };
}

function member(dir: string, record: PostgresRecord, binaries: PgBinaries, user: DbOsUser): ClusterMember {
  const instance = new PgInstance({ name: `pg${record.index}`, port: record.port, binaries, user, ...pgInstancePaths(dir) });
  const standby = instance.isStandby();
  return {
    record, dir, instance,
    running: instance.status().running,
    hasData: existsSync(join(instance.dataDir, 'PG_VERSION')),
    standby,
    fenced: standby && existsSync(fencedPrimaryMarker(dir)),
    timeline: timelineOf(instance.dataDir),
    upstreamPort: upstreamPortOf(instance.dataDir),
  };
}

/**
 * Among the members with data not configured as standbys, the newest timeline wins (a promotion starts a new one);
 * then a running one. A directory without data has no standby.signal either, and must never be taken for one.
 */
function currentPrimary(members: ClusterMember[]): ClusterMember | undefined {
  return members
    .filter((candidate) => candidate.hasData && !candidate.standby)
    .sort((a, b) => b.timeline - a.timeline || Number(b.running) - Number(a.running) || a.record.index - b.record.index)[0];
}

export function membershipOf(member: ClusterMember, scan: ClusterScan): Membership {
  if (!member.hasData) return 'no-data';
  if (!scan.primary) return member.fenced ? 'fenced-primary' : 'no-primary';
  if (member === scan.primary) return 'in-sync';
  // A fenced primary's WAL may hold writes the new primary never received: it must be rewound, not re-pointed.
  if (!member.standby || member.fenced) return 'false-primary';
  return member.upstreamPort === scan.primary.record.port ? 'in-sync' : 'follows-stale-primary';
}

/** 'primary' only for the current primary: a returned old primary must never be taken for one. */
export function roleOf(member: ClusterMember, scan: ClusterScan): 'primary' | 'standby' | 'false-primary' | 'fenced-primary' | 'no-data' {
  if (!member.hasData) return 'no-data';
  if (member === scan.primary) return 'primary';
  if (member.fenced) return scan.primary ? 'false-primary' : 'fenced-primary';
  return member.standby ? 'standby' : 'false-primary';
}

/** The timeline is the newest `<TLI>.history` file in pg_wal (timeline 1 has none). */
function timelineOf(dataDir: string): number {
  try {
    const histories = readdirSync(join(dataDir, 'pg_wal')).filter((name) => /^[0-9A-F]{8}\.history$/.test(name));
    return Math.max(1, ...histories.map((name) => Number.parseInt(name.slice(0, 8), 16)));
  } catch {
    return 1;
  }
}

function upstreamPortOf(dataDir: string): number | null {
  try {
    const conf = readFileSync(join(dataDir, 'postgresql.auto.conf'), 'utf8');
    const conninfo = [...conf.matchAll(/^\s*primary_conninfo\s*=\s*(.*)$/gm)].at(-1)?.[1] ?? '';
    const port = /\bport=[\\']*(\d+)/.exec(conninfo); // quoted once by libpq, twice inside the .conf string
    return port ? Number(port[1]) : null;
  } catch {
    return null;
  }
}
