// The proxy's own configuration file (JSON or YAML), rendered by the engine from the topology or written by
// hand, read from a file or an SSM parameter (config/config-source.ts). Loading resolves secret references
// (env/file/ssm) into memory only; validation errors name the path of the bad field and never echo secret values.
// Format documented in proxy/README.md.
import type { ErrorObject } from 'ajv';
import YAML from 'yaml';
import type { HbaRule } from './auth/hba.ts';
import { validateHbaRules } from './auth/hba.ts';
import type { PemSource } from './config/pem-source.ts';
import { FILE_SETTING_OF, TLS_PARAMETER_SETTINGS, tlsParametersIn } from './config/tls-parameters.ts';
import { readSecretFile } from './config/secret-file.ts';
import { configSource, type ConfigSource } from './config/config-source.ts';
import { SsmParameters, type ParameterValue } from './config/ssm-parameters.ts';
import { dnsServersProblem } from './backend/backend-address-resolver.ts';
import type { BackendDocument, ProxyConfigDocument, SecretRefDocument, TlsDocument, UserDocument } from './config/proxy-config-document.ts';
import { validateProxyConfigDocument } from './config/proxy-config-validators.js';
import {
  DEFAULT_HBA, LISTEN_HOST, LOG_LEVEL, POOL_DEFAULTS, REPLICATION_CHECK_PERIOD_MS, tlsBackendMode, tlsClientMode, WORKERS,
} from './config/proxy-defaults.ts';
import { routerConfigFrom } from './router/router-config-document.ts';
import { failoverConfigFrom, type FailoverConfig } from './failover/failover-config.ts';
import { replicationConfigFrom, type ReplicationConfig } from './failover/replication-config.ts';
import {
  healthCheckConfigFrom, monitorConfigFrom, type HealthCheckConfig, type MonitorConfig, type ReplicationCheckConfig,
} from './health/health-config.ts';
import { watchdogConfigFrom, type WatchdogConfig } from './watchdog/watchdog-config.ts';

export type PoolMode = 'transaction' | 'session';
export type RoleHint = 'primary' | 'standby' | 'unknown';

export interface BackendConfig {
  id: number;
  name: string;
  host: string;
  port: number;
  weight: number;
  role: RoleHint;
  alwaysPrimary: boolean;
  noFailover: boolean;
}

export interface PoolConfig {
  mode: PoolMode;
  /** Server connections per (backend, user, database). */
  size: number;
  /** Server connections across all pools. */
  maxServerConnections: number;
  maxClientConnections: number;
  /** Pools (backend, user, database) a login may make; past it a login needing a new pool gets 53300. */
  maxPools: number;
  /** A pool with no server and no waiting client is forgotten after this (0: never). */
  emptyPoolTimeoutMs: number;
  queueTimeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  lifetimeMs: number;
  /** A client waiting outside a transaction for longer than this is closed with 57P05 (0: never). */
  clientIdleTimeoutMs: number;
  resetQuery: string;
  /** Transaction mode: carry protocol-level named prepared statements across server connections. */
  trackPreparedStatements: boolean;
  /**
   * Transaction mode: distinct named statements the proxy remembers and each server connection keeps prepared
   * (least recently used beyond it forgotten): what bounds the memory, in the proxy and in PostgreSQL.
   */
  maxPreparedStatements: number;
  shutdownGraceMs: number;
}

export interface UserConfig {
  name: string;
  /** What clients prove knowledge of: SCRAM verifier, md5 hash or plain password. Null: trust only. */
  secret: string | null;
  /** Plain password the proxy uses to log in to the backends. Null: backends must trust the proxy. */
  backendPassword: string | null;
  admin: boolean;
}

/** Towards clients: never offer TLS, offer it, or refuse plaintext logins. */
export type ClientTlsMode = 'disable' | 'allow' | 'require';
/** Towards backends, as libpq's sslmode. */
export type BackendTlsMode = 'disable' | 'prefer' | 'require' | 'verify-full';

export interface TlsConfig {
  /** Certificate and key the proxy offers clients (both or neither). */
  cert: PemSource | null;
  key: PemSource | null;
  /** The CA backend certificates are verified against (backend: verify-full). */
  ca: PemSource | null;
  client: ClientTlsMode;
  backend: BackendTlsMode;
}

export interface ProxyConfig {
  listen: { host: string; port: number };
  metrics: { host: string; port: number } | null;
  tls: TlsConfig;
  backends: BackendConfig[];
  pool: PoolConfig;
  users: UserConfig[];
  hba: HbaRule[];
  /** Passed as-is to the query router (proxy/router); the proxy core does not interpret it. */
  router: NonNullable<ProxyConfigDocument['router']>;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** On EC2 without a watchdog: the tag this proxy puts on its own instance once it listens; null: none. */
  servingTag: string | null;
  /** Event loops accepting on the listen port (proxy/workers); 'auto': the cores the process may use. */
  workers: number | 'auto';
  /** Backend monitor and failover (proxy/health, proxy/failover); off when absent. */
  healthCheck: HealthCheckConfig;
  replicationCheck: ReplicationCheckConfig;
  monitor: MonitorConfig | null;
  failover: FailoverConfig;
  /** How commits are acknowledged; with sync, what a failover may promote. Async when absent. */
  replication: ReplicationConfig;
  /** The DNS servers backend host names are resolved with; empty: the system's. */
  dns: { servers: string[] };
  /** Proxy-tier HA (proxy/watchdog); null: none, and failover.coordinatorIndex decides who promotes. */
  watchdog: WatchdogConfig | null;
}

export class ProxyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyConfigError';
  }
}

/** One problem with a proxy config: where (dotted, '' for the whole file) and what. */
export interface ProxyConfigProblem {
  path: string;
  message: string;
}

function schemaProblem(error: ErrorObject): ProxyConfigProblem {
  const path = error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'additionalProperties') return { path, message: `unknown setting "${String(error.params.additionalProperty)}"` };
  if (error.keyword === 'enum') return { path, message: `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}` };
  if (error.keyword === 'oneOf') return { path, message: 'must be a string, { env: NAME }, { file: PATH } or { ssm: PARAMETER }' };
  return { path, message: error.message ?? 'is invalid' };
}

/** `where: what`, as the checks of hba, router, health and failover word their problems. */
function problemFrom(text: string): ProxyConfigProblem {
  const colon = text.indexOf(': ');
  return colon < 0 ? { path: '', message: text } : { path: text.slice(0, colon), message: text.slice(colon + 2) };
}

export function describeProblem(problem: ProxyConfigProblem): string {
  return `${problem.path || 'the config'}: ${problem.message}`;
}

/** Values of the document's `{ ssm }` secrets, by parameter name (fetched before parsing: see loadProxyConfig). */
export type SsmSecretValues = ReadonlyMap<string, string>;

function resolveSecret(ref: SecretRefDocument | undefined, where: string, ssm: SsmSecretValues): string | null {
  if (ref === undefined) return null;
  if (typeof ref === 'string') return ref;
  if ('env' in ref) {
    const value = process.env[ref.env];
    if (value === undefined) throw new ProxyConfigError(`${where}: environment variable ${ref.env} is not set`);
    return value;
  }
  if ('ssm' in ref) {
    const value = ssm.get(ref.ssm);
    if (value === undefined) throw new ProxyConfigError(`${where}: SSM parameter ${ref.ssm} was not read`);
    return value;
  }
  try {
    return readSecretFile(ref.file);
  } catch (error) {
    throw new ProxyConfigError(`${where}: cannot read secret file ${ref.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Offering TLS to clients needs a certificate; verifying backends needs the CA to verify them against. */
function tlsProblems(tls: TlsDocument | undefined): ProxyConfigProblem[] {
  const problems: ProxyConfigProblem[] = [];
  for (const parameter of TLS_PARAMETER_SETTINGS) {
    const file = FILE_SETTING_OF[parameter];
    if (tls?.[file] !== undefined && tls[parameter] !== undefined) problems.push({ path: `tls.${parameter}`, message: `give tls.${file} or tls.${parameter}, not both` });
  }
  if (tls?.client !== undefined && tls.client !== 'disable' && tls.certFile === undefined && tls.certParameter === undefined) {
    problems.push({ path: 'tls.client', message: `${tls.client} needs tls.certFile and tls.keyFile, or tls.certParameter and tls.keyParameter (the certificate offered to clients)` });
  }
  if (tls?.backend === 'verify-full' && tls.caFile === undefined && tls.caParameter === undefined) {
    problems.push({ path: 'tls.backend', message: 'verify-full needs tls.caFile or tls.caParameter (the CA that signed the backends\' certificates)' });
  }
  return problems;
}

function buildTls(tls: TlsDocument | undefined, ssm: SsmSecretValues): TlsConfig {
  const pem = (file: string | undefined, parameter: string | undefined, setting: string): PemSource | null => {
    if (file !== undefined) return { file };
    if (parameter === undefined) return null;
    const value = ssm.get(parameter);
    if (value === undefined) throw new ProxyConfigError(`${setting}: SSM parameter ${parameter} was not read`);
    return { parameter, pem: value };
  };
  return {
    cert: pem(tls?.certFile, tls?.certParameter, 'tls.certParameter'),
    key: pem(tls?.keyFile, tls?.keyParameter, 'tls.keyParameter'),
    ca: pem(tls?.caFile, tls?.caParameter, 'tls.caParameter'),
    client: tlsClientMode(tls),
    backend: tlsBackendMode(tls),
  };
}

function buildBackends(raw: BackendDocument[]): BackendConfig[] {
  const backends = raw.map((b, index) => ({
    id: b.id ?? index,
    name: b.name,
    host: b.host,
    port: b.port,
    weight: b.weight ?? 1,
    role: b.role ?? (index === 0 ? 'primary' : 'standby'),
    alwaysPrimary: b.alwaysPrimary ?? false,
    noFailover: b.noFailover ?? false,
  }));
  return backends;
}

function buildUsers(raw: UserDocument[], ssm: SsmSecretValues): UserConfig[] {
  const users = raw.map((u, index) => {
    const backendPassword = resolveSecret(u.password, `users.${index}.password`, ssm);
    const secret = resolveSecret(u.secret, `users.${index}.secret`, ssm) ?? backendPassword;
    return { name: u.name, secret, backendPassword, admin: u.admin ?? false };
  });
  return users;
}

/**
 * Every problem with a config document, without resolving its secrets: what `pgtopo validate` checks the config
 * rendered from a topology against, so a topology the proxy would refuse is refused before apply starts anything.
 */
export function proxyConfigProblems(document: unknown): ProxyConfigProblem[] {
  if (!validateProxyConfigDocument(document)) return uniqueProblems((validateProxyConfigDocument.errors ?? []).map(schemaProblem));
  const raw = document;
  const problems = [...validateHbaRules(raw.hba ?? DEFAULT_HBA).map(problemFrom), ...tlsProblems(raw.tls)];
  try {
    routerConfigFrom(raw.router ?? {});
  } catch (error) {
    problems.push({ path: 'router', message: (error as Error).message });
  }
  const dnsProblem = raw.dns?.servers ? dnsServersProblem(raw.dns.servers) : null;
  if (dnsProblem !== null) problems.push({ path: 'dns.servers', message: dnsProblem });
  const backends = buildBackends(raw.backends);
  if (new Set(backends.map((b) => b.id)).size !== backends.length) problems.push({ path: 'backends', message: 'every backend needs a distinct id' });
  if (new Set(backends.map((b) => b.name)).size !== backends.length) problems.push({ path: 'backends', message: 'every backend needs a distinct name' });
  if (new Set(raw.users.map((u) => u.name)).size !== raw.users.length) problems.push({ path: 'users', message: 'every user must be listed once' });
  if (raw.watchdog && (raw.workers ?? WORKERS) !== 1) problems.push({ path: 'workers', message: 'a proxy with a watchdog runs one worker (workers: 1): the VIP listener and the election live in one event loop' });
  const names = backends.map((b) => b.name);
  const checks = [
    () => healthCheckConfigFrom(raw.healthCheck, names),
    () => failoverConfigFrom(raw.failover, names),
    () => replicationConfigFrom(raw.replication, names),
    () => watchdogConfigFrom(raw.watchdog),
  ];
  for (const check of checks) {
    try {
      check();
    } catch (error) {
      problems.push(problemFrom((error as Error).message));
    }
  }
  return problems;
}

function uniqueProblems(problems: ProxyConfigProblem[]): ProxyConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(describeProblem(problem)) && Boolean(seen.add(describeProblem(problem))));
}

/** Validates an already-parsed document; throws ProxyConfigError listing every problem found. */
export function parseProxyConfig(document: unknown, ssm: SsmSecretValues = new Map()): ProxyConfig {
  const problems = proxyConfigProblems(document);
  if (problems.length > 0 || !validateProxyConfigDocument(document)) {
    throw new ProxyConfigError(`invalid proxy config:\n  ${problems.map(describeProblem).join('\n  ')}`);
  }
  const raw = document;
  const hba = raw.hba ?? DEFAULT_HBA;
  const backends = buildBackends(raw.backends);
  const users = buildUsers(raw.users, ssm);
  const names = backends.map((b) => b.name);
  const monitoring: Pick<ProxyConfig, 'healthCheck' | 'failover' | 'replication'> = {
    healthCheck: healthCheckConfigFrom(raw.healthCheck, names),
    failover: failoverConfigFrom(raw.failover, names),
    replication: replicationConfigFrom(raw.replication, names),
  };
  return {
    ...monitoring,
    replicationCheck: { periodMs: raw.replicationCheck?.periodMs ?? REPLICATION_CHECK_PERIOD_MS },
    monitor: monitorConfigFrom(raw.monitor, resolveSecret(raw.monitor?.password, 'monitor.password', ssm), users),
    listen: { host: raw.listen.host ?? LISTEN_HOST, port: raw.listen.port },
    metrics: raw.metrics ? { host: raw.metrics.host ?? LISTEN_HOST, port: raw.metrics.port } : null,
    tls: buildTls(raw.tls, ssm),
    backends,
    pool: { ...POOL_DEFAULTS, ...raw.pool },
    users,
    hba,
    router: raw.router ?? {},
    logLevel: raw.logLevel ?? LOG_LEVEL,
    servingTag: raw.servingTag ?? null,
    workers: raw.workers ?? WORKERS,
    dns: { servers: raw.dns?.servers ?? [] },
    watchdog: watchdogConfigFrom(raw.watchdog, watchdogKey(raw.watchdog?.authKey, ssm)),
  };
}

/** An empty key would sign every datagram with a key anyone knows. */
function watchdogKey(ref: SecretRefDocument | undefined, ssm: SsmSecretValues): string | null {
  const key = resolveSecret(ref, 'watchdog.authKey', ssm);
  if (key === '') throw new ProxyConfigError('watchdog.authKey: the key is empty; give every member the same non-empty key');
  return key;
}

/**
 * The SSM parameters the document names: its `{ ssm }` secrets and its TLS parameters (none when it is no valid
 * document: parsing says why).
 */
function ssmParameterNames(document: unknown): string[] {
  if (!validateProxyConfigDocument(document)) return [];
  const refs = [...document.users.flatMap((user) => [user.password, user.secret]), document.monitor?.password, document.watchdog?.authKey];
  const pems = tlsParametersIn(document.tls).map(({ name }) => name);
  return [...refs.flatMap((ref) => (typeof ref === 'object' && 'ssm' in ref ? [ref.ssm] : [])), ...pems];
}

/** Parameter Store for `ssm:` sources and `{ ssm }` secrets, made at the first use of either. */
const defaultSsm = new SsmParameters();

/**
 * Reads and validates a config document: a file path, `ssm:<parameter>`, or a source already made (the proxy keeps
 * its own to re-read at reload). YAML is a superset of JSON, so one parser reads both. `{ ssm }` secrets are
 * fetched in one GetParameters call (per ten names).
 */
export async function loadProxyConfig(from: string | ConfigSource, ssm: SsmParameters = defaultSsm): Promise<ProxyConfig> {
  const source = typeof from === 'string' ? configSource(from, ssm) : from;
  const text = await source.read();
  let document: unknown;
  try {
    document = YAML.parse(text);
  } catch (error) {
    throw new ProxyConfigError(`proxy config ${source.name} is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const names = ssmParameterNames(document);
  const secrets = names.length > 0 ? await ssm.getAll(names) : new Map<string, ParameterValue>();
  source.secretsRead?.(secrets);
  try {
    return parseProxyConfig(document, new Map([...secrets].map(([name, { value }]) => [name, value])));
  } catch (error) {
    if (error instanceof ProxyConfigError) throw new ProxyConfigError(`${source.name}: ${error.message}`);
    throw error;
  }
}

/** The source `spec` names, read by loadProxyConfig with the same Parameter Store client. */
export function proxyConfigSource(spec: string): ConfigSource {
  return configSource(spec, defaultSsm);
}
