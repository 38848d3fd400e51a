// `local_pg_user`: a login role on a local cluster for each topology user (`<cluster>.user[<name>]`), so the
// proxies can log in to PostgreSQL as the users their clients authenticate as. The password reaches PostgreSQL
// only as a SCRAM verifier computed here, never as clear text in SQL (which could land in a server log).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ObservedObject, OperationInput, ResourceType } from '../provider.ts';
import { scramVerifierString } from '../../proxy/auth/scram-verifier.ts';
import { scanCluster } from './cluster-members.ts';
import { dollarQuote, executeOnInstance, quoteIdentifier, quoteLiteral } from './instance-sql.ts';
import { usersDir } from './local-layout.ts';
import { localRuntime } from './local-runtime.ts';
import type { PgInstance } from './pg-instance.ts';
import { restartRunningProxies } from './proxy-resource.ts';

export const PG_USER_TYPE = 'local_pg_user';

interface UserRecord {
  name: string;
  role_name: string;
  admin: boolean;
}

export function pgUserResourceType(): ResourceType {
  return {
    name: PG_USER_TYPE,
    mode: 'managed',
    attributes: {
      role_name: { forceNew: true },
      password: { sensitive: true },
      admin: { description: 'admin users also get pg_monitor, pg_signal_backend, pg_promote and, on PostgreSQL 15+, ALTER SYSTEM on primary_conninfo and default_transaction_read_only with pg_reload_conf (health checks, lag checks, failover, re-pointing standbys, the switchover\'s fence)' },
      file: { computed: true },
    },
    read: async (scope) => readUsers(scope),
    create: async (input) => applyUser(input, true),
    update: async (_current, input, changed, context) => {
      const updated = await applyUser(input, changed.includes('role_name'));
      if (changed.includes('password')) await restartRunningProxies(input.scope, context);
      return updated;
    },
    delete: deleteUser,
  };
}

function recordFile(scope: string, roleName: string): string {
  return join(usersDir(scope), `${encodeURIComponent(roleName)}.json`);
}

function readUsers(scope: string): ObservedObject[] {
  const dir = usersDir(scope);
  return jsonFiles(dir).map((file) => {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as UserRecord;
    // The password is never read back: state keeps only its reference and keyed hash.
    return { id: record.name, name: record.name, attributes: { role_name: record.role_name, admin: record.admin, password: null, file: join(dir, file) } };
  });
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return []; // no users created yet
  }
}

function runningPrimary(scope: string): PgInstance {
  const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  if (!scan.primary?.running) throw new Error(`no running primary in ${scope} to manage roles on; apply again once it runs`);
  return scan.primary.instance;
}

async function applyUser(input: OperationInput, fresh: boolean): Promise<ObservedObject> {
  const role = String(input.attributes.role_name);
  const admin = input.attributes.admin === true;
  const password = typeof input.attributes.password === 'string' ? input.attributes.password : null;
  const name = quoteIdentifier(role);
  const verifier = password === null ? 'NULL' : quoteLiteral(await scramVerifierString(password));
  const statements = [
    `DO ${dollarQuote(`BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(role)}) THEN CREATE ROLE ${name} LOGIN; END IF; END`)}`,
    `ALTER ROLE ${name} LOGIN PASSWORD ${verifier}`,
    // PostgreSQL 15 no longer lets every role create tables in public; the newcomer's first CREATE TABLE must work.
    `GRANT ALL ON SCHEMA public TO ${name}`,
    ...(admin
      ? [`GRANT pg_monitor, pg_signal_backend TO ${name}`, `GRANT EXECUTE ON FUNCTION pg_promote(boolean, integer) TO ${name}`, alterSystemGrant('GRANT', 'TO', name)]
      : [`REVOKE pg_monitor, pg_signal_backend FROM ${name}`, `REVOKE EXECUTE ON FUNCTION pg_promote(boolean, integer) FROM ${name}`, alterSystemGrant('REVOKE', 'FROM', name)]),
  ];
  await executeOnInstance(runningPrimary(input.scope), statements);
  const file = recordFile(input.scope, role);
  if (fresh) await mkdir(dirname(file), { recursive: true });
  const record: UserRecord = { name: input.name, role_name: role, admin };
  await writeFile(file, `${JSON.stringify(record)}\n`);
  return { id: input.name, name: input.name, attributes: { role_name: role, admin, password: null, file } };
}

/**
 * After promoting a standby the builtin proxy re-points the other standbys at it (ALTER SYSTEM primary_conninfo and
 * pg_reload_conf, which PostgreSQL 15 lets a superuser grant). Without that they wait for the next apply, and with
 * synchronous replication every write waits with them. Its switchover (`PROMOTE NODE`, which a scale-down removing
 * the primary uses) fences the old primary with ALTER SYSTEM default_transaction_read_only and ends its sessions
 * (pg_signal_backend); without those it fails before promoting anything.
 */
function alterSystemGrant(verb: 'GRANT' | 'REVOKE', preposition: 'TO' | 'FROM', name: string): string {
  const statements = [
    `${verb} ALTER SYSTEM ON PARAMETER primary_conninfo, default_transaction_read_only ${preposition} ${name}`,
    `${verb} EXECUTE ON FUNCTION pg_reload_conf() ${preposition} ${name}`,
  ];
  return `DO $pgtopo$ BEGIN IF current_setting('server_version_num')::int >= 150000 THEN ${statements.map((sql) => `EXECUTE ${quoteLiteral(sql)};`).join(' ')} END IF; END $pgtopo$`;
}

/** Drops the role when the cluster runs; a stopped or destroyed cluster takes its roles with it anyway. */
async function deleteUser(current: ObservedObject): Promise<void> {
  const file = String(current.attributes.file);
  const scope = dirname(dirname(file));
  const scan = scanCluster(scope, localRuntime().binaries, localRuntime().user);
  if (scan.primary?.running) {
    const name = quoteIdentifier(String(current.attributes.role_name));
    await executeOnInstance(scan.primary.instance, [
      // With synchronous replication and no standby streaming a commit would wait forever, and so would destroy.
      'SET LOCAL synchronous_commit = local',
      // Keep what the role created: its objects go to the superuser instead of being dropped with it.
      `REASSIGN OWNED BY ${name} TO postgres`, `DROP OWNED BY ${name}`, `DROP ROLE ${name}`,
    ]);
  }
  await rm(file, { force: true });
  await rmdir(usersDir(scope)).catch(() => undefined); // still holds other users' records
}
