// One authenticated client on the data path. Client→server bytes are forwarded as the slices they arrived in;
// only message headers are read, plus the body of the few messages that decide routing, pinning or need a
// prepared-statement rename. A server is taken from the pool at a transaction's first message and given back
// at the ReadyForQuery that ends it (transaction mode), or kept for the session (session mode / pinned).
// Inside an explicit transaction the chooser may send the next request to another node (routing rule 10: reads
// before the first write run on a standby): the client then holds one server per node the transaction reached,
// switches between them only when the current one has answered everything, and ends them all together.
import { performance } from 'node:perf_hooks';
import type { ServerConnection, ServerUser } from '../backend/server-connection.ts';
import type { Pool, PoolWaiter } from '../pool/pool.ts';
import type { PrimaryWaiter } from '../primary-wait.ts';
import type { CancelKey, CancelTarget } from '../cancel.ts';
import type { ClientView, ProxyContext } from '../proxy-context.ts';
import type { RoutedMessage, Target, TransactionStep } from '../target-chooser.ts';
import { routeKey } from '../proxy-stats.ts';
import type { UserConfig } from '../proxy-config.ts';
import { errorResponse } from '../protocol/message-builders.ts';
import { ClientStatements, evictionRequest } from '../session-state/prepared-statements.ts';
import { sessionPinReason, type PinReason } from '../session-state/session-pinning.ts';
import { statementText } from '../protocol/statement-text.ts';
import { carrySql, NO_SETTINGS, type ClientSettings } from './client-settings.ts';
import type { DataPathWriter } from '../io/handle-io.ts';
import type { ClientTransport, TransportReader } from '../io/client-transport.ts';
import { ReadBuffer } from '../io/read-buffers.ts';
import { FrontendMessage } from '../protocol/message-codes.ts';

const MAX_MESSAGE = 64 * 1024 * 1024;
const RESET_TIMEOUT_MS = 10_000;
/** A client that does not read what it is sent before its connection ends is cut after this. */
const FLUSH_TIMEOUT_MS = 5_000;

let nextClientId = 1;

/** What a client holds while it is in no multi-node transaction: most of the time, so no Map of its own. */
const NO_OTHER_PARTS: ReadonlyMap<ServerConnection, Pool> = new Map();

export class ClientConnection implements ServerUser, PoolWaiter, PrimaryWaiter, CancelTarget, ClientView, TransportReader {
  readonly id = nextClientId++;
  readonly transport: ClientTransport;
  readonly user: string;
  readonly database: string;
  readonly address: string;
  /** A number, not a Date: idle clients are kept by the thousand, and SHOW CLIENTS alone needs the Date. */
  readonly #connectedAtMs = Date.now();
  readonly settings: ClientSettings;
  readonly #ctx: ProxyContext;
  readonly #userConfig: UserConfig;
  /** Transaction mode tracks named statements; the client's table of them is made at its first one. */
  readonly #tracksStatements: boolean;
  #statements: ClientStatements | null = null;
  readonly #transactionMode: boolean;
  #cancelKey: CancelKey | null = null;
  server: ServerConnection | null = null;
  #pool: Pool | null = null;
  /** Servers holding other parts of the current explicit transaction (rule 10), with their pools; made when needed. */
  #otherParts: Map<ServerConnection, Pool> | null = null;
  /** A request routed to a node whose server is still being acquired: applied once the pool assigns one. */
  #joining: TransactionStep | null = null;
  /** Input is held until the current server has answered everything (a pipelined request in a transaction). */
  #awaitingQuiet = false;
  #lastServer: ServerConnection | null = null;
  #waitingOn: Pool | null = null;
  /** Primary-bound input waits for a primary to come up (primary-wait.ts). */
  #heldForPrimary = false;
  pinned: PinReason | null = null;
  inputSeen = false;
  #closed = false;
  /** Unprocessed bytes: an incomplete message, or everything after the message waiting for a server. */
  #inbox: Buffer | null = null;
  /** Pieces of a rewritten request (tracked prepared statements), made at the first rewrite: most clients never need them. */
  #outParts: Buffer[] | null = null;
  #scratchParts: Buffer[] | null = null;
  #txStartedAt = 0;
  /** Sized to its reads: most clients are idle most of the time, and an idle one needs no 64 KiB. */
  readonly #readBuffer = new ReadBuffer(true);

  constructor(ctx: ProxyContext, transport: ClientTransport, userConfig: UserConfig, database: string, settings: ClientSettings) {
    this.#ctx = ctx;
    this.transport = transport;
    this.#userConfig = userConfig;
    this.user = userConfig.name;
    this.database = database;
    this.address = transport.remoteAddress;
    this.settings = settings;
    this.#transactionMode = ctx.config.pool.mode === 'transaction';
    this.#tracksStatements = this.#transactionMode && ctx.config.pool.trackPreparedStatements;
  }

  /** Where server responses to this client are written. */
  get writer(): DataPathWriter {
    return this.transport;
  }

  get connectedAt(): Date {
    return new Date(this.#connectedAtMs);
  }

  /** The client's named statements, made at its first Parse, Bind, Describe or Close; null when not tracked. */
  #clientStatements(): ClientStatements | null {
    if (this.#statements === null && this.#tracksStatements) this.#statements = new ClientStatements(this.#ctx.statements);
    return this.#statements;
  }

  get #out(): Buffer[] {
    return (this.#outParts ??= []);
  }

  get #scratch(): Buffer[] {
    return (this.#scratchParts ??= []);
  }

  get #parts(): ReadonlyMap<ServerConnection, Pool> {
    return this.#otherParts ?? NO_OTHER_PARTS;
  }

  get applicationName(): string {
    return this.settings.values.application_name ?? '';
  }

  get serverId(): number | null {
    return this.server?.id ?? null;
  }

  get state(): string {
    if (this.#waitingOn || this.#heldForPrimary) return 'waiting';
    return this.server ? 'active' : 'idle';
  }

  get quiescent(): boolean {
    return this.server === null && this.#waitingOn === null && !this.#heldForPrimary && this.#inbox === null;
  }

  get idleOutsideTransaction(): boolean {
    if (this.#inbox !== null || this.#waitingOn !== null || this.#heldForPrimary || this.#parts.size > 0) return false;
    const server = this.server; // held between transactions in session mode and when pinned
    return server === null || (!server.busy && !server.idleInTransaction);
  }

  get keepsServer(): boolean {
    return !this.#transactionMode || this.pinned !== null;
  }

  /** Routes requests inside explicit transactions one by one (rule 10); pinned sessions stay on their server. */
  get #routesInTransaction(): boolean {
    return this.#transactionMode && this.pinned === null && this.#ctx.targets.routeInTransaction !== undefined;
  }

  /** Called once login finished: starts the data path with bytes that arrived after the handshake. */
  start(cancelKey: CancelKey, rest: Buffer): void {
    this.#cancelKey = cancelKey;
    this.transport.readInto(this);
    this.transport.onClose(this.#onGone);
    if (rest.length > 0) this.#onData(rest);
  }

  cancelRunning(): boolean {
    const server = this.server;
    if (server === null) return false;
    server.cancel();
    return true;
  }

  readBuffer(): Buffer {
    return this.#readBuffer.current;
  }

  onTransportRead(bytes: number): Buffer | undefined {
    return this.#consumeRead(bytes);
  }

  onTransportData(chunk: Buffer): void {
    this.#onData(chunk);
  }

  /** Handles one read into the read buffer; returns a new buffer for the next read when a write still uses it. */
  #consumeRead(bytes: number): Buffer | undefined {
    this.#onData(this.#readBuffer.current.subarray(0, bytes));
    return this.#readBuffer.next(bytes);
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return; // read only to see the client go while the last writes flush (#endAfterWrites)
    this.inputSeen = true;
    let buf = chunk;
    if (this.#inbox !== null) {
      buf = Buffer.concat([this.#inbox, chunk]);
      this.#inbox = null;
    }
    this.#process(buf);
  }

  #process(buf: Buffer): void {
    const len = buf.length;
    let off = 0;
    let from = 0;
    while (off + 5 <= len && !this.#closed) {
      const type = buf[off];
      const length = buf.readInt32BE(off + 1);
      if (length < 4 || length > MAX_MESSAGE) {
        this.#flush(buf, from, off);
        this.terminate('08P01', `invalid message length ${length}`);
        return;
      }
      const end = off + 1 + length;
      if (end > len) break;
      if (type === FrontendMessage.Terminate) {
        this.#flush(buf, from, off);
        this.#close();
        return;
      }
      // A Query's text is read once, for both the pinning check and the router.
      const sql = type === FrontendMessage.Query && this.#transactionMode && this.pinned === null ? statementText(buf, off, end) : undefined;
      let server = this.server;
      if (server === null || (this.#startsRequest(type, server) && this.#routesInTransaction)) {
        this.#flush(buf, from, off);
        from = off;
        server = server === null ? this.#acquire({ buf, off, end, sql }) : this.#routeNext({ buf, off, end, sql }, server);
        if (server === null) {
          if (!this.#closed) {
            this.#inbox = Buffer.from(buf.subarray(off)); // copied: buf may be the reusable read buffer
            this.transport.pause();
          }
          return;
        }
      } else if ((type === FrontendMessage.Parse || type === FrontendMessage.Bind) && server.unsynced && this.#routesInTransaction) {
        this.#recordInTransaction({ buf, off, end }, server);
      }
      if (this.#inspect(type, buf, off, end, server, sql)) {
        if (off > from) this.#out.push(buf.subarray(from, off));
        for (const piece of this.#scratch) this.#out.push(piece);
        this.#scratch.length = 0;
        from = end;
      }
      off = end;
    }
    if (off < len) this.#inbox = Buffer.from(buf.subarray(off));
    this.#flush(buf, from, off);
  }

  /**
   * A Query, or the first extended-protocol message after a Sync, that must be routed before it is forwarded:
   * inside a transaction, or pipelined behind a request still running (it may belong on another node).
   */
  #startsRequest(type: number, server: ServerConnection): boolean {
    return (type === FrontendMessage.Query || type === FrontendMessage.Parse || type === FrontendMessage.Bind) && !server.unsynced && (server.idleInTransaction || server.busy);
  }

  /**
   * Routes a request that arrives while the client holds a server (see #startsRequest). Returns the server to
   * forward it to, or null when the input must wait: for the current server to answer what is in flight (only
   * then may the next request go elsewhere), or for a pool to hand out a server on the node it goes to.
   */
  #routeNext(message: RoutedMessage, server: ServerConnection): ServerConnection | null {
    if (server.busy) {
      this.#awaitingQuiet = true;
      return null;
    }
    const step = this.#transactionStep(message, server);
    if (!step) return server;
    step.target = this.#wholeBatch(step.target, message);
    if (this.#awaitsPrimary(step.target)) {
      // A transaction on the primary that was lost stays there: its server still answers, or is reported lost.
      if (this.#ctx.backends.byId(server.nodeId)?.node.role === 'primary') return server;
      return this.#holdForPrimary();
    }
    const next = this.#serverOn(step);
    const ranElsewhere = next !== null && next.nodeId !== step.target.backend.node.id;
    this.#ctx.stats.countRoute(ranElsewhere ? routeKey('transaction', next.backend.name) : step.target.routeKey);
    if (next !== null && step.endOthersWith) this.#endOtherParts(step.endOthersWith);
    return next;
  }

  /**
   * Where an extended-protocol batch starting at `off` runs. It was routed by its first statement; one running
   * more statements (a JDBC executeBatch, a pipeline) may write after it reads, so it runs on the primary.
   */
  #wholeBatch(target: Target, { buf, off, end }: RoutedMessage): Target {
    if (buf[off] === FrontendMessage.Query) return target;
    const primary = this.#ctx.backends.primary();
    if (target.backend === primary || aloneInBatch(buf, off, end)) return target;
    return { backend: primary, routeKey: routeKey('primary', primary.config.name), primaryBound: true };
  }

  /**
   * A statement inside an extended-protocol batch already on its way to the current server: it runs there, but
   * the chooser must still see it (a write in it keeps the transaction's later reads on the primary).
   */
  #recordInTransaction(message: RoutedMessage, server: ServerConnection): void {
    if (server.idleInTransaction || this.#ctx.targets.inTransaction?.(this) === true) this.#transactionStep(message, server);
  }

  /** The chooser's step for the message; none when the server's node was removed by a reload (it stays there). */
  #transactionStep(message: RoutedMessage, server: ServerConnection): TransactionStep | undefined {
    const current = this.#ctx.backends.byId(server.nodeId);
    const status = server.inFailedTransaction ? 'E' : 'T';
    return current && this.#ctx.targets.routeInTransaction?.(this, message, status, current);
  }

  /**
   * The server of this transaction on the step's node: the current one, another part, or a newly joined one. A
   * read runs where the transaction already is when every server of its node is taken (waiting for another
   * client's server while holding this one could deadlock); a write waits for a server on the primary.
   */
  #serverOn(step: TransactionStep): ServerConnection | null {
    // By node id: a server opened before a reload holds the config object the reload replaced.
    const nodeId = step.target.backend.node.id;
    const current = this.server as ServerConnection;
    if (current.nodeId === nodeId) return current;
    for (const [part, pool] of this.#parts) {
      if (part.nodeId !== nodeId) continue;
      this.#otherParts?.delete(part);
      return this.#switchTo(part, pool);
    }
    const user = this.#ctx.users.get(this.user) ?? this.#userConfig;
    const pool = this.#ctx.pools.pool(step.target.backend.config, user, this.database);
    const mustWait = step.target.backend === this.#ctx.backends.primary();
    const joined = mustWait ? pool.acquire(this, null) ?? 'queued' : pool.acquireUnlessFull(this);
    if (joined === 'full') return current;
    (this.#otherParts ??= new Map()).set(current, this.#pool as Pool);
    this.server = null;
    if (joined === 'queued') {
      this.#waitingOn = pool;
      this.#joining = step;
      return null;
    }
    this.#join(joined, pool, step);
    return joined;
  }

  #switchTo(part: ServerConnection, pool: Pool): ServerConnection {
    (this.#otherParts ??= new Map()).set(this.server as ServerConnection, this.#pool as Pool);
    this.server = part;
    this.#pool = pool;
    return part;
  }

  #join(server: ServerConnection, pool: Pool, step: TransactionStep): void {
    this.#attach(server, pool);
    server.runInternal(step.begin);
  }

  /** Ends every other part of the transaction with `sql` and gives their servers back once they answered. */
  #endOtherParts(sql: 'COMMIT' | 'ROLLBACK'): void {
    for (const [part, pool] of this.#parts) {
      part.user = null;
      part.runInternal(sql, (ok) => (ok && !part.idleInTransaction ? pool.release(part) : pool.discard(part)));
    }
    this.#otherParts = null;
  }

  /** Bookkeeping per message; returns true when the message was replaced by this.#scratch. */
  #inspect(type: number, buf: Buffer, off: number, end: number, server: ServerConnection, sql?: string): boolean {
    switch (type) {
      case FrontendMessage.Query:
        server.pendingSyncs++;
        server.unsynced = false;
        this.#ctx.stats.queries++;
        this.#checkPin(buf, off, end, sql);
        return false;
      case FrontendMessage.Sync:
      case FrontendMessage.FunctionCall:
        server.pendingSyncs++;
        server.unsynced = false;
        return false;
      case FrontendMessage.Parse: {
        // Nothing in flight and no transaction: no portal exists, and an internal request would be answered first.
        const idle = !server.busy && !server.idleInTransaction;
        server.unsynced = true;
        this.#checkPin(buf, off, end);
        return this.#clientStatements()?.parse(buf, off, end, server, this.#scratch, idle) === true;
      }
      case FrontendMessage.Bind:
        server.unsynced = true;
        this.#ctx.stats.queries++;
        return this.#clientStatements()?.bind(buf, off, end, server, this.#scratch) === true;
      case FrontendMessage.Describe:
      case FrontendMessage.Close:
        server.unsynced = true;
        return this.#clientStatements()?.describeOrClose(buf, off, end, server, this.#scratch) === true;
      case FrontendMessage.CopyData:
      case FrontendMessage.CopyDone:
      case FrontendMessage.CopyFail:
        return false;
      case FrontendMessage.Execute:
      case FrontendMessage.Flush:
      default:
        server.unsynced = true;
        return false;
    }
  }

  #checkPin(buf: Buffer, off: number, end: number, sql?: string): void {
    if (this.pinned !== null || !this.#transactionMode) return;
    const reason = sessionPinReason(sql ?? statementText(buf, off, end));
    if (reason === null) return;
    this.pinned = reason;
    this.#ctx.stats.countPin(reason);
  }

  #flush(buf: Buffer, from: number, to: number): void {
    const server = this.server;
    const out = this.#outParts;
    if (out === null || out.length === 0) {
      if (to > from && server) this.#write(server, from === 0 && to === buf.length ? buf : buf.subarray(from, to));
      return;
    }
    if (to > from) out.push(buf.subarray(from, to));
    if (server) this.#write(server, Buffer.concat(out));
    out.length = 0;
  }

  #write(server: ServerConnection, data: Buffer): void {
    const writer = server.writer;
    const written = writer.write(data);
    if (!written || writer.busy) this.#readBuffer.markTaken();
    if (!written) this.#throttle(writer);
  }

  /** The server reads slower than the client sends (a big COPY): stop reading the client until it drains. */
  #throttle(toServer: DataPathWriter): void {
    if (this.transport.isPaused()) return;
    this.transport.pause();
    toServer.onDrain(() => {
      if (this.#waitingOn === null) this.transport.resume();
    });
  }

  #acquire(message: RoutedMessage): ServerConnection | null {
    if (this.#waitingOn || this.#heldForPrimary) return null;
    const target = this.#wholeBatch(this.#ctx.targets.chooseTarget(this, message), message);
    if (this.#awaitsPrimary(target)) return this.#holdForPrimary();
    const { backend, routeKey: route } = target;
    this.#ctx.stats.countRoute(route);
    const user = this.#ctx.users.get(this.user) ?? this.#userConfig; // the current config after a reload
    let pool = this.#pool;
    if (pool === null || pool.forgotten || pool.backend !== backend.config || pool.user !== user) {
      pool = this.#ctx.pools.pool(backend.config, user, this.database);
    }
    this.#txStartedAt = performance.now();
    const server = pool.acquire(this, this.#lastServer);
    if (server === null) {
      this.#waitingOn = pool;
      return null;
    }
    this.#attach(server, pool);
    return server;
  }

  #attach(server: ServerConnection, pool: Pool): void {
    this.server = server;
    this.#pool = pool;
    this.#lastServer = server;
    server.user = this;
    if (server.settings !== this.settings && server.settings.signature !== this.settings.signature) {
      const sql = carrySql(server.settings, this.settings);
      server.settings = this.settings;
      if (sql !== '') server.runInternal(sql);
    }
    // Between transactions, so a server that took on statements in its last one is back under the bound.
    const eviction = this.#tracksStatements && evictionRequest(server, this.#ctx.config.pool.maxPreparedStatements);
    if (eviction) server.runInternal(eviction);
  }

  /** With no primary up, the fallback node of a primary-bound target is a standby (25006) or a fenced node. */
  #awaitsPrimary(target: Target): boolean {
    return target.primaryBound && this.#ctx.backends.primaryPending;
  }

  #holdForPrimary(): null {
    this.#heldForPrimary = true;
    this.#ctx.primaryWait.hold(this);
    return null;
  }

  primaryUp(): void {
    this.#heldForPrimary = false;
    if (!this.#closed) this.#resumeInput(); // routed again: to the new primary
  }

  primaryWaitTimedOut(sqlstate: string, message: string): void {
    this.#heldForPrimary = false;
    this.terminate(sqlstate, message);
  }

  onServerAssigned(server: ServerConnection): void {
    const pool = this.#waitingOn as Pool;
    const joining = this.#joining;
    this.#waitingOn = null;
    this.#joining = null;
    if (this.#closed) {
      pool.release(server);
      return;
    }
    if (joining === null) {
      this.#attach(server, pool);
    } else {
      this.#join(server, pool, joining);
      if (joining.endOthersWith) this.#endOtherParts(joining.endOthersWith);
    }
    // The request that waited for this server was already routed (#acquire, #routeNext): forward it before routing
    // anything after it. Processed again, it would see the server busy with what #attach or #join just wrote on
    // it (the SET carrying the client's settings, an eviction): taken for a request pipelined behind the client's
    // own, it would wait for an answer to them that never comes, and the client would stall on a server that had
    // answered the SET (seen after a failover, where clients queue for the new primary's first servers).
    const pending = this.#inbox as Buffer;
    this.#inbox = null;
    this.transport.resume();
    const first = 1 + pending.readInt32BE(1);
    this.#inspectAndForward(pending.subarray(0, first), server);
    if (first < pending.length) this.#process(pending.subarray(first));
  }

  #inspectAndForward(message: Buffer, server: ServerConnection): void {
    if (this.#inspect(message[0], message, 0, message.length, server)) {
      for (const piece of this.#scratch) this.#out.push(piece);
      this.#scratch.length = 0;
      this.#flush(message, 0, 0);
    } else {
      this.#flush(message, 0, message.length);
    }
  }

  #resumeInput(): void {
    const pending = this.#inbox;
    this.#inbox = null;
    this.transport.resume();
    if (pending) this.#process(pending);
  }

  onServerQuiet(server: ServerConnection): void {
    if (!this.#awaitingQuiet || server !== this.server) return;
    this.#awaitingQuiet = false;
    this.#resumeInput();
  }

  onAcquireFailed(sqlstate: string, message: string): void {
    this.#waitingOn = null;
    this.#joining = null;
    if (sqlstate === '53300') this.#ctx.stats.poolWaitTimeouts++;
    this.terminate(sqlstate, message);
  }

  onServerIdle(server: ServerConnection): void {
    if (!this.#transactionMode || this.pinned !== null || this.#closed) return;
    this.server = null;
    server.transactions++;
    this.#ctx.stats.transactions++;
    this.#ctx.stats.observeLatency((performance.now() - this.#txStartedAt) / 1000);
    (this.#pool as Pool).release(server);
    // The transaction ended without the chooser seeing its end (it came inside a function, say): the parts
    // elsewhere only read, so rolling them back loses nothing.
    if (this.#parts.size > 0) this.#endOtherParts('ROLLBACK');
    if (this.#awaitingQuiet) {
      this.#awaitingQuiet = false;
      this.#resumeInput();
    }
  }

  onServerLost(server: ServerConnection, reason: string, explained: boolean): void {
    if (this.server !== server && this.#otherParts?.delete(server) !== true) return;
    if (this.server === server) this.server = null;
    // One error per failure, as from PostgreSQL: the server's FATAL already told the client why.
    if (explained) this.#closeAfterWrites();
    else this.terminate('08006', `server connection lost: ${reason}`);
  }

  /**
   * A statement on `server` went stale: the proxy-wide catalog forgets what the server holds, so a new Parse of
   * the same text (how a driver recovers) gets a new server name and a fresh plan instead of the stale statement.
   */
  onStalePlan(server: ServerConnection): void {
    this.#ctx.statements.forget(server.preparedIds);
  }

  /** Closes once what was written to the client (the server's last error) is flushed. */
  #closeAfterWrites(): void {
    this.#endAfterWrites();
    this.#close(false);
  }

  /** Sends a FATAL error and closes (admin shutdown, pool failures, protocol violations). */
  terminate(sqlstate: string, message: string): void {
    if (this.#closed) return;
    this.#ctx.stats.countError(sqlstate);
    this.#endAfterWrites(errorResponse('FATAL', sqlstate, message));
    this.#close(false);
  }

  /**
   * Ends the connection after `last` and everything still being written: the end (a shutdown) follows the pending
   * writes, where destroying the socket would drop them, and would make the kernel reset the connection, discarding
   * what it had not sent yet, as soon as the client sent anything more (a pipelining driver does). The client is
   * read (and ignored) until it goes; one that does not read for FLUSH_TIMEOUT_MS is cut.
   */
  #endAfterWrites(last?: Buffer): void {
    const transport = this.transport;
    if (!transport.writable) {
      transport.destroy();
      return;
    }
    transport.end(last);
    transport.resume();
    const cut = setTimeout(() => transport.destroy(), FLUSH_TIMEOUT_MS).unref();
    transport.onClose(() => clearTimeout(cut));
  }

  readonly #onGone = (): void => this.#close();

  /** `destroy` false: the socket was ended and closes by itself (#endAfterWrites). */
  #close(destroy = true): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ctx.clients.delete(this);
    if (this.#cancelKey) this.#ctx.cancelKeys.revoke(this.#cancelKey);
    if (this.#waitingOn) {
      this.#waitingOn.cancelWait(this);
      this.#waitingOn = null;
    }
    if (this.#heldForPrimary) this.#ctx.primaryWait.cancel(this);
    const server = this.server;
    this.server = null;
    const sessionStateDirty = this.pinned !== null || !this.#transactionMode;
    const resetQuery = this.#ctx.config.pool.resetQuery;
    if (server && this.#pool) returnServer(server, this.#pool, sessionStateDirty, resetQuery);
    for (const [part, pool] of this.#parts) returnServer(part, pool, sessionStateDirty, resetQuery);
    this.#otherParts = null;
    if (destroy || this.transport.destroyed) {
      this.transport.destroy();
      this.#readBuffer.release();
    } else {
      this.transport.onClose(() => this.#readBuffer.release()); // reads land in it until then
    }
  }
}

/**
 * The batch that starts with the message at `start` runs one statement only (one Bind and one Execute, nothing
 * parsed after the first message), and its Sync has arrived.
 */
function aloneInBatch(buf: Buffer, start: number, from: number): boolean {
  let binds = buf[start] === FrontendMessage.Bind ? 1 : 0;
  let executes = 0;
  for (let off = from; off + 5 <= buf.length; off += 1 + buf.readInt32BE(off + 1)) {
    const next = buf[off];
    if (next === FrontendMessage.Sync) return true;
    if (next === FrontendMessage.Parse || next === FrontendMessage.Query || (next === FrontendMessage.Bind && ++binds > 1) || (next === FrontendMessage.Execute && ++executes > 1)) return false;
  }
  return false;
}

/**
 * Gives a server back after its client left. A server still running a statement is cancelled and closed; one
 * in a transaction (or with unsynced extended messages) is drained and rolled back; one that may carry session
 * state is reset. Any failure (or a reset that hangs) discards the connection.
 */
export function returnServer(server: ServerConnection, pool: Pool, sessionStateDirty: boolean, resetQuery: string): void {
  server.user = null;
  const dirty = server.busy || server.idleInTransaction;
  if (!dirty && !sessionStateDirty) {
    pool.release(server);
    return;
  }
  if (server.pendingSyncs > 0) {
    // A statement is running: cancel it and drop the connection. Reusing it is unsafe because the cancel
    // request travels on its own connection and could land on the next client's statement.
    server.cancel();
    pool.discard(server);
    return;
  }
  server.state = 'resetting';
  const timer = setTimeout(() => pool.discard(server), RESET_TIMEOUT_MS);
  const finish = (ok: boolean): void => {
    clearTimeout(timer);
    if (ok && server.state === 'resetting') {
      server.preparedIds.clear();
      server.settings = NO_SETTINGS;
      pool.release(server);
    } else {
      pool.discard(server);
    }
  };
  server.drain((drained) => {
    if (!drained) return finish(false);
    if (server.idleInTransaction) server.runInternal('ROLLBACK');
    if (resetQuery === '') {
      if (server.busy) server.runInternal('SELECT 1', finish);
      else finish(true);
      return;
    }
    server.runInternal(resetQuery, finish);
  });
}
