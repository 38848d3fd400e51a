// One connection from the proxy to a PostgreSQL backend. After login it forwards server→client bytes as
// received: it only reads each message's 5-byte header (plus ReadyForQuery's status byte) to learn where
// transactions end, and drops the few responses to messages the proxy itself injected.
import { connect, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { parseErrorResponse, type ServerError } from '../auth/auth-messages.ts';
import type { BackendConfig } from '../proxy-config.ts';
import { duplexSource, MessageStream } from '../protocol/frame-reader.ts';
import { serialize } from 'pg-protocol';
import { startupMessage } from '../protocol/message-builders.ts';
import { BackendAuth } from '../auth/backend-auth.ts';
import { sendCancelRequest } from '../cancel.ts';
import { NO_SETTINGS, type ClientSettings } from '../frontend/client-settings.ts';
import { dataPathWriter, readOnHandle, type DataPathWriter } from '../io/handle-io.ts';
import { ReadBuffer } from '../io/read-buffers.ts';
import { negotiateBackendTls, type BackendTls } from './backend-tls.ts';
import type { ParseInFlight } from '../session-state/prepared-statements.ts';
import { BackendMessage, FrontendMessage, TransactionStatusByte } from '../protocol/message-codes.ts';
import { readCstring } from '../protocol/cstring.ts';
import type { BackendAddressResolver } from './backend-address-resolver.ts';
import {
  CONFIRM_READ_ONLY_SQL, READ_ONLY_TRANSACTION, readOnlyAtLogin, readOnlySessionReason, reportsReadOnly, mustAskServer, readOnlyDefaultIn, retryableWriteError,
} from './writer-read-only.ts';

const Z = BackendMessage.ReadyForQuery;
const PARSE_COMPLETE = BackendMessage.ParseComplete;
const ERROR = BackendMessage.ErrorResponse;
const PARAMETER_STATUS = BackendMessage.ParameterStatus;
const STATUS_IDLE: number = TransactionStatusByte.Idle;
const STATUS_FAILED: number = TransactionStatusByte.Failed;
const MAX_STARTUP_MESSAGE = 1 << 20;
/** How long a closed server may take to hang up after Terminate (close with awaitExit). */
const EXIT_WAIT_MS = 1000;
/** Severities after which PostgreSQL closes the connection. */
const FATAL_SEVERITIES = new Set(['FATAL', 'PANIC']);
/**
 * Where PostgreSQL refuses to run a prepared statement whose tables changed under it (0A000 "cached plan must not
 * change result type", 42804 on an INSERT's column type). A driver answers by preparing the text again under a
 * new name (postgres.js does), which on PostgreSQL makes a fresh plan.
 */
const STALE_PLAN_ROUTINES = new Set(['RevalidateCachedQuery', 'transformAssignedExpr']);

/** What a server connection needs from the client it serves (implemented by ClientConnection). */
export interface ServerUser {
  /** Where the server's responses are written. */
  readonly writer: DataPathWriter;
  /** The server answered every request and is outside a transaction. */
  onServerIdle(server: ServerConnection): void;
  /** The server answered every request and is still inside a transaction. */
  onServerQuiet(server: ServerConnection): void;
  /** `explained`: the server's own FATAL error reached the client before the connection ended. */
  onServerLost(server: ServerConnection, reason: string, explained: boolean): void;
  /** A statement prepared on the server no longer fits the tables it reads (see STALE_PLAN_ROUTINES). */
  onStalePlan(server: ServerConnection): void;
  /** The client keeps this server after its transaction (session pooling, a pinned session): its session is here. */
  readonly keepsServer: boolean;
}

/** Where a server of a writer backend (alwaysPrimary) reports that it turned read-only (proxy/server.ts). */
export interface WriterWatch {
  turnedReadOnly(server: ServerConnection): void;
}

export class ServerLoginError extends Error {
  readonly sqlstate: string;
  readonly severity: string;
  constructor(message: string, sqlstate: string, severity = 'FATAL') {
    super(message);
    this.name = 'ServerLoginError';
    this.sqlstate = sqlstate;
    this.severity = severity;
  }
}

/** A writer backend's login reached a read-only server (the endpoint still points at the old writer): try later. */
export class WriterReadOnlyError extends ServerLoginError {
  constructor(backend: BackendConfig, address: string) {
    super(`backend ${backend.name} (${backend.host} = ${address}) is read-only: not a writer`, READ_ONLY_TRANSACTION);
    this.name = 'WriterReadOnlyError';
  }
}

export type ServerState = 'idle' | 'active' | 'resetting' | 'closed';

export interface ServerLogin {
  backend: BackendConfig;
  user: string;
  password: string | null;
  database: string;
  connectTimeoutMs: number;
  tls: BackendTls;
  /** Where the backend's host name points now. */
  addresses: BackendAddressResolver;
  /** Set for a writer backend (alwaysPrimary): the server must be writable, and says when it no longer is. */
  writer: WriterWatch | null;
}

/** Called once the server answered every internal query: `error` is the first ErrorResponse among them. */
export type InternalDone = (ok: boolean, error: ServerError | null) => void;

let nextServerId = 1;

export class ServerConnection {
  readonly id = nextServerId++;
  /** The TCP socket, replaced by its TLS socket when the server accepted the SSLRequest (see open()). */
  socket: Socket;
  /** Where client messages for this server are written (after login). */
  writer: DataPathWriter;
  /** The config this connection was opened with; a reload may replace the node's config object since. */
  readonly backend: BackendConfig;
  /** The node this connection is on (BackendState.node.id): what stays the same across reloads. */
  readonly nodeId: string;
  /** The address the backend's host name resolved to when this connection was opened. */
  readonly address: string;
  /** No longer pooled (its node's name points elsewhere, or it turned read-only): closed when given back. */
  retired = false;
  /** A writer backend's server that reported it cannot write (writer-read-only.ts). */
  readOnly = false;
  readonly createdAt = Date.now();
  lastUsedAt = Date.now();
  state: ServerState = 'idle';
  user: ServerUser | null = null;
  /** Set by the pool that owns this connection; opaque here. */
  poolSlot = -1;
  backendPid = 0;
  backendSecret = 0;
  /** CancelRequests sent for this connection whose connection PostgreSQL has not closed yet (see cancel()). */
  #cancelsInFlight = 0;
  #afterCancels: (() => void)[] = [];
  readonly parameters = new Map<string, string>();
  /** The client settings this session currently carries (see frontend/client-settings.ts); none after login. */
  settings: ClientSettings = NO_SETTINGS;
  /** Ids of protocol-level prepared statements this session holds (see session-state/prepared-statements.ts). */
  readonly preparedIds = new Set<number>();
  txStatus = STATUS_IDLE;
  /** ReadyForQuery messages still owed for forwarded Query/Sync messages. */
  pendingSyncs = 0;
  /** Extended-protocol messages were forwarded after the last Sync. */
  unsynced = false;
  transactions = 0;
  broken = false;
  /**
   * The client a FATAL or PANIC ErrorResponse was forwarded to: the server told it why it is going away. Only that
   * client: a FATAL after the ReadyForQuery that released the server goes to whoever holds it next, or to nobody.
   */
  #fatalTo: ServerUser | null = null;

  #skip = 0;
  #skipDrop = false;
  #tail: Buffer | null = null;
  /** ReadyForQuery count of internal queries whose responses are dropped entirely. */
  #internalPending = 0;
  #internalDone: InternalDone | null = null;
  /** The first error an internal query got since the last completion: what its caller is told. */
  #internalError: ServerError | null = null;
  /** Parse messages written and not yet answered, oldest first, with the batch (by Sync count) each belongs to. */
  readonly #parses: { parse: ParseInFlight; batch: number }[] = [];
  /** ReadyForQuery messages received for forwarded Query/Sync messages: the batches that are over. */
  #batchesAnswered = 0;
  #onClose: ((server: ServerConnection) => void) | null = null;
  readonly #writer: WriterWatch | null;
  /** A client's response held from a writer's 25006 up to its ReadyForQuery: does the server say it turned read-only? */
  #held: Buffer[] | null = null;
  /** The 25006 that started the hold; null when a response is held only while the server is asked (#mustConfirm). */
  #heldError: ServerError | null = null;
  /** A writer that reports nothing answered 25006 inside a transaction: the server is asked once that is over. */
  #confirmWhenIdle = false;
  /** The writer's server last reported its read-only default on: its own doing, or a client's SET. */
  #readOnlyDefault = false;

  /** Reads land in this reusable buffer (no allocation per read); replaced when a write still references it. */
  readonly #readBuffer = new ReadBuffer();
  #loggedIn = false;

  private constructor(backend: BackendConfig, address: string, writer: WriterWatch | null) {
    // onread skips the Readable stream machinery (a push, an event and a nextTick per read) on the hot path.
    this.socket = connect({
      host: address,
      port: backend.port,
      noDelay: true,
      onread: {
        buffer: () => this.#readBuffer.current,
        callback: (bytes) => {
          this.#onRead(bytes); // net then asks `buffer` for the buffer of the next read
          return true;
        },
      },
    });
    this.writer = dataPathWriter(this.socket);
    this.backend = backend;
    this.nodeId = String(backend.id);
    this.address = address;
    this.#writer = writer;
  }

  /** Connects and logs in; resolves once the backend sent ReadyForQuery. */
  static async open(login: ServerLogin): Promise<ServerConnection> {
    let address: string;
    try {
      address = await login.addresses.address(login.backend.host);
    } catch (error) {
      throw new ServerLoginError(`cannot connect to backend ${login.backend.name}: ${(error as Error).message}`, '08006');
    }
    const server = new ServerConnection(login.backend, address, login.writer);
    const tcp = server.socket;
    const timer = setTimeout(() => server.socket.destroy(new Error(`connect timeout after ${login.connectTimeoutMs} ms`)), login.connectTimeoutMs);
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('connect', resolve);
        tcp.once('error', reject);
      });
      server.#secure(await negotiateBackendTls(tcp, login.tls, login.backend.host));
      await server.#login(login);
      if (login.writer !== null && readOnlyAtLogin(server.parameters)) {
        login.addresses.refresh(login.backend.host).catch(() => undefined); // the next try asks the moved record, if it moved
        throw new WriterReadOnlyError(login.backend, address);
      }
    } catch (error) {
      server.socket.destroy();
      tcp.destroy();
      if (error instanceof ServerLoginError) throw error;
      throw new ServerLoginError(
        `cannot connect to backend ${login.backend.name} (${login.backend.host}:${login.backend.port} = ${address}): ${(error as Error).message}`,
        '08006',
      );
    } finally {
      clearTimeout(timer);
    }
    server.#loggedIn = true;
    const socket = server.socket;
    // TLS decrypts into fresh buffers and delivers them as 'data'; a TCP socket reads into the reusable buffer.
    if (socket instanceof TLSSocket) socket.on('data', server.#onData);
    else readOnHandle(socket, (bytes) => server.#onRead(bytes));
    socket.on('error', () => server.#lost('server connection error'));
    socket.on('close', () => server.#lost('server closed the connection'));
    return server;
  }

  #secure(socket: Socket): void {
    if (socket === this.socket) return;
    this.socket = socket;
    this.writer = dataPathWriter(socket);
  }

  async #login(login: ServerLogin): Promise<void> {
    const stream = new MessageStream(duplexSource(this.socket), MAX_STARTUP_MESSAGE, false);
    this.socket.write(startupMessage({ user: login.user, database: login.database }));
    const auth = new BackendAuth({ user: login.user, password: login.password ?? undefined });
    let authenticated = false;
    for (;;) {
      const message = await stream.read();
      if (!authenticated) {
        const step = await auth.receive(message);
        for (const reply of step.send) this.socket.write(reply);
        if (step.status === 'failed') throw new ServerLoginError(step.error.message, step.error.sqlstate);
        authenticated = step.status === 'ok';
        continue;
      }
      const type = message[0];
      const body = message.subarray(5);
      if (type === BackendMessage.ParameterStatus) {
        const nul = body.indexOf(0);
        this.parameters.set(body.toString('utf8', 0, nul), body.toString('utf8', nul + 1, body.length - 1));
      } else if (type === BackendMessage.BackendKeyData) {
        this.backendPid = body.readInt32BE(0);
        this.backendSecret = body.readInt32BE(4);
      } else if (type === BackendMessage.ErrorResponse) {
        const error = parseErrorResponse(body);
        throw new ServerLoginError(error.message, error.sqlstate, error.severity);
      } else if (type === BackendMessage.ReadyForQuery) {
        stream.detach();
        return;
      }
    }
  }

  onClose(callback: (server: ServerConnection) => void): void {
    this.#onClose = callback;
  }

  /** Told of every Parse (forwarded or injected) before it is written, in order. */
  expectParse(parse: ParseInFlight): void {
    // Its batch ends at the ReadyForQuery of the next Sync, which comes after those already written.
    this.#parses.push({ parse, batch: this.#batchesAnswered + this.pendingSyncs });
  }

  /**
   * Asks PostgreSQL to cancel what this connection runs. The postmaster signals the backend twice (the process, then
   * its process group) and closes the request's connection after both. A signal that lands after the statement ended
   * cancels the next statement on this connection, another client's once it is pooled again: Pool.release keeps the
   * connection from other clients until the request's connection is closed (PgBouncer does the same since 1.17).
   */
  cancel(): void {
    this.#cancelsInFlight++;
    sendCancelRequest(this.address, this.backend.port, this.backendPid, this.backendSecret, () => {
      if (--this.#cancelsInFlight > 0) return;
      for (const callback of this.#afterCancels.splice(0)) callback();
    });
  }

  get cancelInFlight(): boolean {
    return this.#cancelsInFlight > 0;
  }

  /** Runs `callback` once no CancelRequest for this connection is in flight: now, or when the last one is closed. */
  afterCancels(callback: () => void): void {
    if (this.#cancelsInFlight === 0) callback();
    else this.#afterCancels.push(callback);
  }

  /**
   * Runs SQL (or extended-protocol messages ending with one Sync) whose whole response, up to its ReadyForQuery,
   * is dropped: carried client settings, resets, evictions of prepared statements. Responses to client messages
   * written after it arrive later and are forwarded as usual.
   */
  runInternal(request: string | Buffer, done: InternalDone | null = null): void {
    this.#internalPending++;
    if (done) this.#internalDone = done;
    this.writer.write(typeof request === 'string' ? serialize.query(request) : request);
  }

  get busy(): boolean {
    return this.pendingSyncs > 0 || this.unsynced || this.#internalPending > 0;
  }

  /** The transaction failed: the server answers everything but its end with 25P02. */
  get inFailedTransaction(): boolean {
    return this.txStatus === STATUS_FAILED;
  }

  get idleInTransaction(): boolean {
    return this.txStatus !== STATUS_IDLE;
  }

  /**
   * Sends Terminate and closes. With `awaitExit` the socket stays open until the backend hangs up (at most
   * EXIT_WAIT_MS), so whoever counts servers per node across threads counts this one until its backend is gone.
   */
  close(awaitExit = false): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    const writable = !this.socket.destroyed && this.socket.writable;
    if (writable) this.socket.end(serialize.end());
    if (writable && awaitExit) setTimeout(() => this.socket.destroy(), EXIT_WAIT_MS).unref();
    else this.socket.destroy();
  }

  #lost(reason: string): void {
    if (this.state === 'closed' && this.broken) return;
    this.broken = true;
    const user = this.user;
    this.state = 'closed';
    this.socket.destroy();
    this.#finishInternal(false);
    user?.onServerLost(this, reason, user === this.#fatalTo);
    this.#onClose?.(this);
  }

  #finishInternal(ok: boolean): void {
    const done = this.#internalDone;
    const error = this.#internalError;
    this.#internalDone = null;
    this.#internalError = null;
    done?.(ok, error);
  }

  /** Handles one read into the read buffer; returns a new buffer for the next read when a write still uses it. */
  #onRead(bytes: number): Buffer | undefined {
    const chunk = this.#readBuffer.current.subarray(0, bytes);
    if (!this.#loggedIn) {
      this.socket.emit('data', Buffer.from(chunk)); // login reads through MessageStream
      return undefined;
    }
    this.#onData(chunk);
    return this.#readBuffer.next(bytes);
  }

  readonly #onData = (chunk: Buffer): void => {
    let buf = chunk;
    if (this.#tail !== null) {
      buf = Buffer.concat([this.#tail, chunk]);
      this.#tail = null;
    }
    const len = buf.length;
    let off = 0;
    let from = 0;
    if (this.#skip > 0) {
      if (this.#skip >= len) {
        this.#skip -= len;
        if (!this.#skipDrop) this.#emit(buf, 0, len);
        return;
      }
      off = this.#skip;
      if (this.#skipDrop) from = off;
      this.#skip = 0;
    }
    while (off < len) {
      const avail = len - off;
      if (avail < 5 || (avail < 6 && buf[off] === Z)) {
        this.#tail = Buffer.from(buf.subarray(off));
        break;
      }
      const type = buf[off];
      const end = off + 1 + buf.readInt32BE(off + 1);
      let drop = false;
      if ((type === ERROR || (type === PARAMETER_STATUS && this.#writer !== null)) && end > len) {
        // Read whole: an error's severity (and, for an internal query, its SQLSTATE and message), a writer's setting.
        this.#tail = Buffer.from(buf.subarray(off));
        break;
      }
      if (this.#internalPending > 0) {
        drop = true;
        if (type === ERROR) this.#internalError ??= parseErrorResponse(buf.subarray(off + 5, end));
        else if (type === Z) this.#internalReady(buf[off + 5]);
        // A report can land in any response, this one too; carrying a client's settings may be its reason.
        else if (type === PARAMETER_STATUS && this.#writer !== null) this.#parameterReported(buf, off + 5, end, true);
      } else if (this.#writer !== null && (type === ERROR || type === PARAMETER_STATUS) && this.user !== null) {
        if (type === PARAMETER_STATUS) {
          // In the response to a write that failed with 25006 it is taken for the reason the write failed: the
          // server's own (known limit: a multi-statement query that SETs it and COMMITs before that write); anywhere
          // else it may be the client's: a SET, SET LOCAL, set_config().
          this.#parameterReported(buf, off + 5, end, this.#held === null);
        } else {
          const error = this.#serverError(buf.subarray(off + 5, end));
          if (error.sqlstate === READ_ONLY_TRANSACTION && this.#held === null) {
            if (off > from) this.#emit(buf, from, off);
            from = off;
            this.#held = [];
            this.#heldError = error;
          }
        }
      } else if (type === Z) {
        if (this.#writer !== null && this.#mustConfirm(buf[off + 5])) {
          this.#held ??= [];
          this.#emit(buf, from, end);
          from = end;
          this.#ready(buf[off + 5]);
          this.#confirmReadOnly();
          off = end;
          continue;
        }
        if (this.#held !== null) {
          this.#emit(buf, from, end);
          from = end;
          if (!this.#releaseHeld()) return;
        }
        this.#ready(buf[off + 5]);
        if (this.pendingSyncs === 0 && !this.unsynced && this.user) {
          // The client learns it is answered before anything after this in the same read is delivered: what
          // follows is the server's own (a FATAL as PostgreSQL dies) and goes to whoever holds the server then.
          this.#emit(buf, from, end);
          from = end;
          this.#quiet(this.user);
        }
      } else if (type === ERROR) {
        this.#serverError(buf.subarray(off + 5, end));
      } else if (type === PARSE_COMPLETE) {
        drop = this.#parses.shift()?.parse.dropComplete === true;
      }
      if (drop) {
        if (off > from) this.#emit(buf, from, off);
        from = end;
      }
      if (end > len) {
        this.#skip = end - len;
        this.#skipDrop = drop;
        off = len;
        break;
      }
      off = end;
    }
    const stop = this.#tail === null ? len : len - this.#tail.length;
    if (stop > from) this.#emit(buf, from, stop);
  };

  #quiet(user: ServerUser): void {
    if (this.txStatus === STATUS_IDLE) user.onServerIdle(this);
    else user.onServerQuiet(this);
  }

  #emit(buf: Buffer, from: number, to: number): void {
    const user = this.user;
    if (user === null || from === to) return; // nobody to deliver to: the client left and this connection is being drained
    if (this.#held !== null) {
      this.#held.push(Buffer.from(buf.subarray(from, to)));
      return;
    }
    const writer = user.writer;
    const written = writer.write(from === 0 && to === buf.length ? buf : buf.subarray(from, to));
    if (!written || writer.busy) this.#readBuffer.markTaken();
    if (!written) this.#throttle(writer);
  }

  /**
   * Notes what a forwarded ErrorResponse means for this connection: a FATAL tells its client why the server goes
   * away (unless held: a held response may never be delivered), a stale plan makes the client's driver prepare
   * again. A writer's 25006 is held by the caller until its ReadyForQuery, by when the server has said whether it
   * turned read-only.
   */
  #serverError(body: Buffer): ServerError {
    const error = parseErrorResponse(body);
    if (FATAL_SEVERITIES.has(error.severity) && this.#held === null) this.#fatalTo = this.user;
    if (error.routine !== undefined && STALE_PLAN_ROUTINES.has(error.routine)) this.user?.onStalePlan(this);
    return error;
  }

  /** A writer's server reported a setting; `clientMaySetIt`: the client's own settings may be why (see reportsReadOnly). */
  #parameterReported(buf: Buffer, from: number, end: number, clientMaySetIt: boolean): void {
    const nameEnd = buf.indexOf(0, from);
    const name = buf.toString('latin1', from, nameEnd);
    const value = readCstring(buf, nameEnd + 1, end);
    this.#readOnlyDefault = readOnlyDefaultIn(name, value) ?? this.#readOnlyDefault;
    if (!reportsReadOnly(name, value, clientMaySetIt) || this.readOnly) return;
    this.#turnedReadOnly();
  }

  #turnedReadOnly(): void {
    this.readOnly = true;
    this.retired = true;
    this.#writer?.turnedReadOnly(this);
  }

  /**
   * A writer's 25006 that the server's reports do not explain is confirmed on the server before its client is
   * answered: from a server that never reports whether it can write (before PostgreSQL 14), or one whose last report
   * of a read-only default may have been a client's SET (mustAskServer). That is done at the ReadyForQuery that ends
   * the client's request, idle and with nothing else outstanding. Inside a transaction the server cannot be asked (a
   * failed transaction refuses every statement), so the 25006 goes to the client unchanged and the server is asked
   * when the transaction is over.
   */
  #mustConfirm(status: number): boolean {
    if ((this.#held === null && !this.#confirmWhenIdle) || this.readOnly) return false;
    if (!mustAskServer(this.parameters, this.#readOnlyDefault)) return false;
    if (status !== STATUS_IDLE || this.pendingSyncs !== 1 || this.unsynced || this.user === null) {
      if (this.#held !== null) this.#confirmWhenIdle = true;
      return false;
    }
    this.#confirmWhenIdle = false;
    return true;
  }

  /** Asks the server whether it is in recovery, then delivers the held response and gives the server back. */
  #confirmReadOnly(): void {
    this.runInternal(CONFIRM_READ_ONLY_SQL, (_ok, error) => {
      if (this.state === 'closed') return; // lost meanwhile: its client is told that instead
      if (error?.sqlstate === READ_ONLY_TRANSACTION) this.#turnedReadOnly();
      const user = this.user;
      if (!this.#releaseHeld() || user === null) return;
      if (this.pendingSyncs === 0 && !this.unsynced) this.#quiet(user);
    });
  }

  /**
   * Delivers a held response: unchanged when the server can still write (the client's own read-only transaction),
   * else with the 25006 made retryable (40001), or, for a client whose session lives on this server, by closing it
   * (08006): it cannot go on elsewhere. A response held without a 25006 in it goes unchanged to a client that can
   * move. Returns false when the connection is gone.
   */
  #releaseHeld(): boolean {
    const held = this.#held as Buffer[];
    const error = this.#heldError;
    const user = this.user as ServerUser;
    this.#held = null;
    this.#heldError = null;
    if (!this.readOnly) {
      for (const piece of held) this.#emit(piece, 0, piece.length);
      return true;
    }
    if (user.keepsServer) {
      this.#lost(readOnlySessionReason(this.backend.name));
      return false;
    }
    const first = held[0];
    if (error !== null) held[0] = Buffer.concat([retryableWriteError(error, this.backend.name), first.subarray(1 + first.readInt32BE(1))]);
    for (const piece of held) this.#emit(piece, 0, piece.length);
    return true;
  }

  /** The client reads slower than the server sends: stop reading the server until the client drains. */
  #throttle(toClient: DataPathWriter): void {
    if (this.socket.isPaused()) return;
    this.socket.pause();
    toClient.onDrain(() => this.socket.resume());
  }

  #ready(status: number): void {
    this.txStatus = status;
    if (this.pendingSyncs > 0) this.pendingSyncs--;
    this.#batchesAnswered++;
    if (this.#parses.length > 0) this.#forgetFailedParses();
    if (this.pendingSyncs === 0 && this.user === null) this.#finishWhenQuiet();
  }

  /**
   * Parses of the batch that just ended without a ParseComplete failed, or were skipped after an earlier error:
   * PostgreSQL does not have those statements, so neither this connection's list nor the client's names do.
   */
  #forgetFailedParses(): void {
    while (this.#parses.length > 0 && this.#parses[0].batch < this.#batchesAnswered) {
      const { parse } = this.#parses.shift() as { parse: ParseInFlight };
      if (parse.prepares !== null) this.preparedIds.delete(parse.prepares);
      parse.onFailed?.();
    }
  }

  #finishWhenQuiet(): void {
    if (this.#internalPending > 0 || this.pendingSyncs > 0 || this.unsynced) return;
    this.#finishInternal(this.#internalError === null);
  }

  #internalReady(status: number): void {
    this.txStatus = status;
    this.#internalPending--;
    this.#finishWhenQuiet();
  }

  /**
   * Waits for every outstanding response (dropping it), so the connection can be reset. Used when a client
   * leaves while its server is busy; `done(false)` if the server broke meanwhile.
   */
  drain(done: InternalDone): void {
    if (this.unsynced) {
      this.unsynced = false;
      this.pendingSyncs++;
      this.writer.write(SYNC);
    }
    if (this.pendingSyncs === 0 && this.#internalPending === 0) {
      done(true, null);
      return;
    }
    this.#internalDone = done;
  }
}

const SYNC = Buffer.from([FrontendMessage.Sync, 0, 0, 0, 4]);
