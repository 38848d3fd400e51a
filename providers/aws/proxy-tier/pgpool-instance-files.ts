// On a proxy instance with `engine: pgpool2`: fetches the config document and the passwords it names from SSM
// with the instance role, renders Pgpool-II's four files (proxy/pgpool2, the renderer `pgtopo render` uses) and the
// failover hooks (pgpool-instance-hooks.ts), and writes the ones that changed, each atomically and 0600 (the hooks'
// scripts 0700), in a 0700 directory that belongs to the user Pgpool-II runs as; pgpool.conf holds the watchdog's
// key (wd_authkey) when the tier has one. pool_passwd holds the clear passwords (the hooks' passfile the monitor
// user's): Pgpool-II must read them, and they exist nowhere else on the instance (not in user data, the launch
// template or a String parameter). The document last written is kept beside the files once Pgpool-II has been
// brought to them, so the next run tells what a running Pgpool-II must do: nothing, reload or restart. TLS
// parameters' PEMs (tls.certParameter, …) become files there too, since Pgpool-II reads its certificate from a file.
import { createHash } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SsmConfigSource } from '../../../proxy/config/ssm-config-source.ts';
import type { SsmParameters } from '../../../proxy/config/ssm-parameters.ts';
import type { ProxyTierConfig } from '../../../proxy/config/proxy-tier-settings.ts';
import { renderPgpoolFileSet } from '../../../proxy/pgpool2/pgpool-file-set.ts';
import { PGPOOL_STATUS_FILE } from '../../../proxy/pgpool2/pgpool-start-status.ts';
import { renderPcpPassfile } from '../../../proxy/pgpool2/render-pcp-passfile.ts';
import { tlsParametersIn } from '../../../proxy/config/tls-parameters.ts';
import { TLS_PARAMETER_FILES } from '../../../proxy/pgpool2/tls-parameter-files.ts';
import { EXECUTABLE_FILES, instanceFailoverHooks } from './pgpool-instance-hooks.ts';
import { probedStartStatus } from './pgpool-start-probe.ts';
import type { PcpAccess } from './pgpool-watchdog-join.ts';
import { parsePgpoolDocument, pgpoolChanges, tierFromPgpoolDocument, type PgpoolChanges } from './pgpool-config-document.ts';

/** Pgpool-II's own default control port; the proxies' security group does not open it. */
export const DEFAULT_PCP_PORT = 9898;
const APPLIED_FILE = 'applied-config.json';
const PCP_PASSFILE = 'pcppass';

export interface PgpoolInstanceFiles {
  /** The SSM String parameter of this proxy's config. */
  parameter: string;
  /** Where the files go (pgpool.conf, pool_hba.conf, pool_passwd, pcp.conf). */
  dir: string;
  /** Pgpool-II's pid file, sockets and status file. */
  runDir: string;
  /** The uid and gid of the user Pgpool-II runs as, when this process is root; null: this process's own. */
  owner: { uid: number; gid: number } | null;
  pcpPort: number;
  /** Run just before Pgpool-II starts (ExecStartPre): also writes the node states it starts from (pgpool-start-probe.ts). */
  beforeStart?: boolean;
}

/** `written`: the first files of this directory; then what the change asks of a running Pgpool-II. */
export type PgpoolAction = 'written' | 'unchanged' | 'reload' | 'restart';

export interface PgpoolSync {
  action: PgpoolAction;
  /** The document keys that changed (and `files` when only a password or hash changed). */
  changed: string[];
  /** The parameter's Version written. */
  version: number;
  /** A watchdog member's control port, to ask whether it joined (pgpool-watchdog-join.ts); null: not a member, or no admin user to ask as. */
  watchdogPcp: PcpAccess | null;
  /** Without a watchdog: where Pgpool-II accepts clients on this instance, to tell that it serves (pgpool-serving.ts). */
  servingAddress: { host: string; port: number } | null;
}

/** What Pgpool-II was last brought to: the document, and digests of the files rendered from it (passwords included) and of its TLS files. */
interface Applied {
  document: Record<string, unknown>;
  files: string;
  /** '' without TLS parameters (and in what earlier versions wrote). */
  tls: string;
}

function digest(files: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(files)).digest('hex');
}

/**
 * Writes the files, then lets `act` bring a running Pgpool-II to them (reload, restart), and only then records them
 * as applied: should `act` fail, the next run finds the same change again.
 */
export async function syncPgpoolFiles(target: PgpoolInstanceFiles, ssm: SsmParameters, act: (sync: PgpoolSync) => void = () => {}): Promise<PgpoolSync> {
  const source = new SsmConfigSource(target.parameter, ssm);
  const document = parsePgpoolDocument(await source.read(), source.name);
  const tier = tierFromPgpoolDocument(document);
  const values = await parameterValues(tier, ssm);
  const tls = tlsFiles(tier, values);
  const key = watchdogKey(tier, values);
  const secrets = passwords(tier, values);
  const hooks = instanceFailoverHooks(tier, target.dir, secrets);
  const files = {
    ...renderPgpoolFileSet(hooks.tier, {
      runDir: target.runDir, poolPasswdFile: join(target.dir, 'pool_passwd'), pcpPort: target.pcpPort, ...(key === null ? {} : { watchdogAuthKey: key }),
    }, secrets),
    ...hooks.files,
    ...tls,
  };
  await ownedDir(target.dir, target.owner);
  for (const [name, text] of Object.entries(files)) {
    await writeIfChanged(join(target.dir, name), text, target.owner, EXECUTABLE_FILES.has(name) ? 0o700 : 0o600);
  }
  if (target.beforeStart) await writeStartStatus(tier, target, secrets, tls);
  const applied: Applied = { document, files: digest(files), tls: Object.keys(tls).length === 0 ? '' : digest(tls) };
  const watchdogPcp = await pcpAccess(tier, target, secrets);
  const servingAddress = tier.watchdog ? null : { host: localHost(tier.config.listen.host), port: tier.config.listen.port };
  const sync = { ...actionOf(await readApplied(target.dir), applied), version: source.version!, watchdogPcp, servingAddress };
  act(sync);
  await writeIfChanged(join(target.dir, APPLIED_FILE), JSON.stringify(applied), target.owner);
  return sync;
}

function actionOf(previous: Applied | null, next: Applied): Pick<PgpoolSync, 'action' | 'changed'> {
  if (previous === null) return { action: 'written', changed: [] };
  const changes: PgpoolChanges = pgpoolChanges(previous.document, next.document);
  if (changes.restart.length > 0) return { action: 'restart', changed: changes.restart };
  // Pgpool-II loads its certificate and key at start only (ssl_cert and ssl_key are start-time settings).
  if (previous.tls !== next.tls) return { action: 'restart', changed: ['tls files'] };
  if (changes.reload.length > 0) return { action: 'reload', changed: changes.reload };
  // A new password (its SecureString rewritten) changes pool_passwd or pcp.conf, not the document: a reload reads them.
  return previous.files !== next.files ? { action: 'reload', changed: ['files'] } : { action: 'unchanged', changed: [] };
}

/**
 * For a watchdog member: writes the PCP password file for the first admin user with a password (pcp.conf holds the
 * admin users) and says how to reach the control port from this instance. Not part of what Pgpool-II reads.
 */
async function pcpAccess(tier: ProxyTierConfig, target: PgpoolInstanceFiles, secrets: Map<string, string>): Promise<PcpAccess | null> {
  const admin = tier.config.users.find((user) => user.admin && secrets.has(user.name));
  if (!tier.watchdog || !admin) return null;
  const passFile = join(target.dir, PCP_PASSFILE);
  await writeIfChanged(passFile, renderPcpPassfile(admin.name, secrets.get(admin.name)!), target.owner);
  return { host: localHost(tier.config.listen.host), port: target.pcpPort, user: admin.name, passFile };
}

/** How this instance reaches what Pgpool-II listens on at `host` (pcp_listen_addresses is the same host). */
function localHost(host: string): string {
  return host === '0.0.0.0' || host === '*' ? '127.0.0.1' : host;
}

/** Every parameter the tier's secrets and TLS files come from, by name: one GetParameters call for up to ten. */
async function parameterValues(tier: ProxyTierConfig, ssm: SsmParameters): Promise<Map<string, string>> {
  const names = [
    ...passwordParameters(tier).map(([, name]) => name), ...watchdogKeyParameter(tier), ...tlsParametersIn(tier.config.tls).map(({ name }) => name),
  ];
  return new Map([...await ssm.getAll(names)].map(([name, { value }]) => [name, value]));
}

/** Each user (and the monitor user) with a password, and the SecureString its `{ ssm }` reference names. */
function passwordParameters(tier: ProxyTierConfig): (readonly [string, string])[] {
  const users = [...tier.config.users, ...(tier.monitorUser ? [tier.monitorUser] : [])];
  return users.flatMap((user) => {
    const reference = user.password;
    if (reference === undefined) return [];
    if (!('ssm' in reference)) throw new Error(`the password of user ${user.name} is not an SSM parameter: this config was not written for a proxy on EC2`);
    return [[user.name, reference.ssm] as const];
  });
}

/** The clear password of every user and of the monitor user. */
function passwords(tier: ProxyTierConfig, values: Map<string, string>): Map<string, string> {
  return new Map(passwordParameters(tier).map(([user, name]) => [user, values.get(name)!]));
}

/** The SecureString of the watchdog's key (wd_authkey), when the tier has one. */
function watchdogKeyParameter(tier: ProxyTierConfig): string[] {
  const reference = tier.watchdog?.authKey;
  if (!reference) return [];
  if (!('ssm' in reference)) throw new Error('the watchdog\'s key is not an SSM parameter: this config was not written for a proxy on EC2');
  return [reference.ssm];
}

function watchdogKey(tier: ProxyTierConfig, values: Map<string, string>): string | null {
  const [name] = watchdogKeyParameter(tier);
  return name === undefined ? null : values.get(name)!;
}

/**
 * `<runDir>/pgpool_status`, which Pgpool-II (started without -D; its run directory is new at every start) reads
 * the node states from; none when every node may count as up.
 */
async function writeStartStatus(tier: ProxyTierConfig, target: PgpoolInstanceFiles, secrets: Map<string, string>, tls: Record<string, string>): Promise<void> {
  const monitor = tier.monitorUser;
  const caFile = tier.config.tls?.caFile;
  const ca = tls[TLS_PARAMETER_FILES.caParameter] ?? (caFile ? await readFile(caFile, 'utf8').catch(() => null) : null);
  const status = await probedStartStatus(tier, monitor ? secrets.get(monitor.name) : undefined, ca);
  const path = join(target.runDir, PGPOOL_STATUS_FILE);
  if (status === null) await rm(path, { force: true });
  else await writeIfChanged(path, status, target.owner);
}

/** The PEMs of the tier's TLS parameters, as the files pgpool.conf names (tls-parameter-files.ts). */
function tlsFiles(tier: ProxyTierConfig, values: Map<string, string>): Record<string, string> {
  return Object.fromEntries(tlsParametersIn(tier.config.tls).map(({ setting, name }) => [TLS_PARAMETER_FILES[setting], values.get(name)!]));
}

async function ownedDir(dir: string, owner: PgpoolInstanceFiles['owner']): Promise<void> {
  await mkdir(dirname(dir), { recursive: true }); // parents stay traversable (umask), only `dir` is closed
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  if (owner) await chown(dir, owner.uid, owner.gid);
}

async function readApplied(dir: string): Promise<Applied | null> {
  try {
    const applied = JSON.parse(await readFile(join(dir, APPLIED_FILE), 'utf8')) as Applied;
    return typeof applied.document === 'object' && typeof applied.files === 'string' ? { ...applied, tls: applied.tls ?? '' } : null;
  } catch {
    return null; // first run, or a file cut short: everything counts as new
  }
}

/** Writes `text` through a temporary file renamed over `path`, unless `path` holds it already. */
async function writeIfChanged(path: string, text: string, owner: PgpoolInstanceFiles['owner'], mode = 0o600): Promise<void> {
  if (await readFile(path, 'utf8').then((current) => current === text, () => false)) return;
  const temporary = `${path}.tmp`;
  await writeFile(temporary, text, { mode });
  await chmod(temporary, mode);
  if (owner) await chown(temporary, owner.uid, owner.gid);
  await rename(temporary, path);
}
