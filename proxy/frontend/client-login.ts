// From accepted socket to a client on the data path: handshake (TLS, cancel), hba + authentication through
// proxy/auth, then either the admin console or the welcome a PostgreSQL server would send (ParameterStatus,
// BackendKeyData, ReadyForQuery) with the proxy's own cancel key.
import type { ClientTransport } from '../io/client-transport.ts';
import { ClientAuth } from '../auth/client-auth.ts';
import { describeConnection, type HbaConnection } from '../auth/hba.ts';
import { runAuth, type AuthStep } from '../auth/auth-step.ts';
import { mockScramFor } from '../auth/mock-scram.ts';
import { storedSecretOf } from '../auth/stored-secret.ts';
import { ADMIN_DATABASE, type ProxyContext } from '../proxy-context.ts';
import type { UserConfig } from '../proxy-config.ts';
import { backendKeyData, errorResponse, parameterStatus, readyForQuery } from '../protocol/message-builders.ts';
import { ClientTerminated, type MessageStream } from '../protocol/frame-reader.ts';
import { AdminSession } from '../admin/admin-session.ts';
import { ClientConnection } from './client-connection.ts';
import { clientHandshake, type Handshake } from './client-handshake.ts';
import { clientSettings, type ClientSettings } from './client-settings.ts';
import { primaryForLogin } from './login-primary-wait.ts';
import type { LoginDeadlines } from './login-deadlines.ts';
import { checkedWelcome, knownWelcome } from './login-settings-check.ts';
import { startupRefusal, type StartupRefusal } from './startup-refusal.ts';

function refuse(transport: ClientTransport, ctx: ProxyContext, sqlstate: string, message: string): void {
  ctx.stats.clientsRejected++;
  ctx.stats.countError(sqlstate);
  if (transport.writable) transport.end(errorResponse('FATAL', sqlstate, message));
  transport.destroy();
}

/** What PostgreSQL writes to its server log for a failed login; `reason` is what the client was not told. */
function logRejection(ctx: ProxyContext, plain: ClientTransport, params: Record<string, string>, step: AuthStep, reason: string | null): void {
  const sqlstate = step.status === 'failed' ? step.error.sqlstate : '28000';
  ctx.log.info('client authentication failed', {
    address: plain.remoteAddress, user: params.user, database: params.database, sqlstate, ...(reason === null ? {} : { reason }),
  });
}

/**
 * tls.client require: a plaintext login is refused before any authentication exchange, with the SQLSTATE and the
 * wording of PostgreSQL's refusal of a connection that only hostssl rules would let in.
 */
function refusePlaintext(ctx: ProxyContext, transport: ClientTransport, connection: HbaConnection): void {
  ctx.log.info('client refused: TLS required', { address: connection.address, user: connection.user, database: connection.database });
  const message = `no proxy hba rule matches connection for ${describeConnection(connection)}: the proxy accepts only TLS connections`;
  refuse(transport, ctx, '28000', message);
}

/** Handles one accepted connection until it is on the data path or closed (at its deadline at the latest). Never throws. */
export async function loginClient(ctx: ProxyContext, plain: ClientTransport, deadlines: LoginDeadlines): Promise<void> {
  deadlines.begin(plain);
  let current = plain; // the TLS transport once the client upgraded: a refusal must go out encrypted
  try {
    await login(ctx, plain, (secured) => { current = secured; });
  } catch (error) {
    ctx.log.debug('client login failed', { address: plain.remoteAddress, error: (error as Error).message });
    if (error instanceof ClientTerminated) current.destroy();
    else refuse(current, ctx, '08P01', (error as Error).message);
  } finally {
    deadlines.end(plain);
  }
}

type Startup = Extract<Handshake, { kind: 'startup' }>;

async function login(ctx: ProxyContext, plain: ClientTransport, onSecured: (secured: ClientTransport) => void): Promise<void> {
  const handshake = await clientHandshake(plain, ctx.tls, onSecured);
  if (handshake.kind === 'cancel') {
    ctx.cancelKeys.cancel(handshake.pid, handshake.secret);
    plain.destroy();
    return;
  }
  if (!admitted(ctx, plain, handshake)) return;
  const held = new HeldFrames(handshake.transport);
  const user = await authenticate(ctx, plain, handshake, held);
  if (user === null) return;
  if (handshake.params.database === ADMIN_DATABASE) {
    held.flush();
    openAdminConsole(ctx, handshake, user);
    return;
  }
  await enterDataPath(ctx, handshake, user, held);
}

/** What is refused before any authentication exchange: plaintext where TLS is required, a client over the limit. */
function admitted(ctx: ProxyContext, plain: ClientTransport, { transport, params, tls }: Startup): boolean {
  if (!tls && ctx.config.tls.client === 'require') {
    refusePlaintext(ctx, transport, { address: plain.remoteAddress, database: params.database, user: params.user, tls });
    return false;
  }
  if (ctx.clients.size >= ctx.config.pool.maxClientConnections) {
    refuse(transport, ctx, '53300', 'sorry, too many clients already');
    return false;
  }
  return true;
}

/**
 * The last authentication step's frames (AuthenticationOk), held to go out in one write with what follows them,
 * as PostgreSQL sends them: one wake-up of the client instead of two.
 */
class HeldFrames {
  readonly #frames: Buffer[] = [];
  readonly #transport: ClientTransport;

  constructor(transport: ClientTransport) {
    this.#transport = transport;
  }

  hold(frames: readonly Buffer[]): void {
    this.#frames.push(...frames);
  }

  /** Sends what is held now: before waiting for the client, or before a refusal. */
  flush(): void {
    if (this.#frames.length > 0) this.#transport.write(this.take());
  }

  take(): Buffer {
    return Buffer.concat(this.#frames.splice(0));
  }
}

/** hba and the authentication exchange; the user's config once both passed, else null with the client refused. */
async function authenticate(ctx: ProxyContext, plain: ClientTransport, { transport, stream, params, tls }: Startup, held: HeldFrames) {
  const userConfig = ctx.users.get(params.user);
  const auth = new ClientAuth({
    hba: ctx.config.hba,
    connection: { address: plain.remoteAddress, database: params.database, user: params.user, tls },
    secret: userConfig ? storedSecretOf(userConfig) : undefined,
    mock: mockScramFor(ctx.config.users),
  });
  const step = await runAuth(auth, {
    send: (frames) => held.hold(frames),
    next: () => {
      held.flush();
      return stream.read();
    },
  });
  if (step.status === 'ok' && userConfig) return userConfig;
  ctx.stats.clientsRejected++;
  if (step.status === 'ok') held.hold([errorResponse('FATAL', '28000', `role "${params.user}" is not known to the proxy`)]);
  logRejection(ctx, plain, params, step, auth.hiddenRejection?.message ?? (userConfig ? null : `role "${params.user}" is not known to the proxy`));
  transport.end(held.take());
  return null;
}

function openAdminConsole(ctx: ProxyContext, { transport, stream }: Startup, user: UserConfig): void {
  if (!user.admin) {
    refuse(transport, ctx, '42501', `user "${user.name}" is not an admin of the proxy console`);
    return;
  }
  new AdminSession(ctx, transport, user.name).start(stream.detach());
}

/** The client's settings, unless its startup parameters ask for what a pooled server cannot honour. */
function sessionSettings(params: Startup['params'], user: UserConfig): ClientSettings | StartupRefusal {
  let settings: ClientSettings;
  try {
    settings = clientSettings(params);
  } catch (error) {
    return { sqlstate: '0A000', message: (error as Error).message };
  }
  return startupRefusal(params, settings, user.name) ?? settings;
}

/** A pool for the client once there is a primary, then the welcome a server would send, and the data path. */
async function enterDataPath(ctx: ProxyContext, handshake: Startup, user: UserConfig, held: HeldFrames): Promise<void> {
  const { transport, stream, params } = handshake;
  const refused = (refusal: StartupRefusal): void => {
    held.flush();
    refuse(transport, ctx, refusal.sqlstate, refusal.message);
  };
  const settings = sessionSettings(params, user);
  if ('sqlstate' in settings) return refused(settings);
  const wait = primaryForLogin(ctx, transport);
  const waited = wait === null ? null : await wait;
  if (waited !== null) return refused(waited);
  const pool = ctx.pools.poolForLogin(ctx.backends.primary().config, user, params.database);
  if (pool === null) return refused({ sqlstate: '53300', message: `sorry, too many pools already (pool.maxPools is ${ctx.config.pool.maxPools})` });
  const client = new ClientConnection(ctx, transport, user, params.database, settings);
  const known = knownWelcome(pool, settings);
  if (known === null) held.flush(); // the client waits for a server, whose login or SET of its settings may fail
  const welcome = known ?? (await checkedWelcome(ctx, pool, client));
  if (welcome === null) return;
  sendWelcome(ctx, client, welcome, stream, held.take());
}

// The ParameterStatus messages of a login depend only on the pool's welcome and the client's settings, which
// are interned (clients with equal settings share one object): encoded once per pair, not at every login.
const parameterBlocks = new WeakMap<Map<string, string>, WeakMap<ClientSettings, Buffer>>();

function parameterStatusBlock(welcome: Map<string, string>, settings: ClientSettings): Buffer {
  let bySettings = parameterBlocks.get(welcome);
  if (bySettings === undefined) {
    bySettings = new WeakMap();
    parameterBlocks.set(welcome, bySettings);
  }
  let block = bySettings.get(settings);
  if (block === undefined) {
    const overrides = new Map(Object.entries(settings.values).map(([k, v]) => [k.toLowerCase(), v]));
    const messages = [...welcome].map(([name, value]) => parameterStatus(name, overrides.get(name.toLowerCase()) ?? value));
    if (!welcome.has('application_name')) messages.push(parameterStatus('application_name', settings.values.application_name ?? ''));
    block = Buffer.concat(messages);
    bySettings.set(settings, block);
  }
  return block;
}

function sendWelcome(ctx: ProxyContext, client: ClientConnection, welcome: Map<string, string>, stream: MessageStream, authFrames: Buffer): void {
  const key = ctx.cancelKeys.issue(client);
  const messages = [authFrames, parameterStatusBlock(welcome, client.settings), backendKeyData(key.pid, key.secret), readyForQuery('I')];
  client.transport.write(Buffer.concat(messages));
  ctx.clients.add(client);
  ctx.stats.clientsAccepted++;
  client.start(key, stream.detach());
}
