// Transaction pooling with protocol-level named prepared statements (what PgBouncer ≥ 1.21 does): a client's
// statement names are mapped to proxy-wide server names keyed by the statement's text and parameter types,
// every server connection remembers which of those it holds, and a Parse is replayed on whichever server the
// client lands on before a Bind/Describe needs it.
import { cstringEnd } from '../protocol/cstring.ts';
import { rawMessage } from '../protocol/message-builders.ts';
import { DescribeTarget, FrontendMessage } from '../protocol/message-codes.ts';

const SERVER_NAME_PREFIX = 'pgtopo_';
/** Close of a name that never exists: PostgreSQL answers CloseComplete and changes nothing. */
const CLOSE_NOTHING = rawMessage(FrontendMessage.Close, Buffer.concat([Buffer.from([DescribeTarget.Statement]), Buffer.from(`${SERVER_NAME_PREFIX}none\0`, 'latin1')]));
/** Parse of an empty unnamed statement: the cheapest way to get one ParseComplete, in order, from the server. */
const PARSE_NOTHING = rawMessage(FrontendMessage.Parse, Buffer.from('\0\0\0\0', 'latin1'));
const SYNC = rawMessage(FrontendMessage.Sync, Buffer.alloc(0));

export interface PreparedStatement {
  id: number;
  serverName: Buffer;
  /** Parse body after the statement name (query text, parameter types), for replaying on another server. */
  definition: Buffer;
}

/**
 * Proxy-wide: one id per distinct (query, parameter types), the least recently parsed beyond `limit()` forgotten.
 * Ids are never reused, so a forgotten statement still prepared on a server (or still named by a client, which
 * holds the PreparedStatement itself) can never be mistaken for a newer one: parsing its text again interns it
 * under a new id and server name.
 */
export class StatementCatalog {
  readonly #ids = new Map<string, PreparedStatement>();
  readonly #limit: () => number;
  #lastId = 0;

  constructor(limit: () => number) {
    this.#limit = limit;
  }

  intern(definition: Buffer): PreparedStatement {
    const key = definition.toString('latin1');
    let statement = this.#ids.get(key);
    if (statement) {
      this.#ids.delete(key); // re-inserted last: a Map iterates in insertion order, oldest first
    } else {
      const id = ++this.#lastId;
      statement = { id, serverName: serverNameOf(id), definition: Buffer.from(definition) };
      if (this.#ids.size >= this.#limit()) this.#ids.delete(this.#ids.keys().next().value as string);
    }
    this.#ids.set(key, statement);
    return statement;
  }

  /** Forgets the statements with these ids: parsing their text again interns it under a new id. */
  forget(ids: ReadonlySet<number>): void {
    if (ids.size === 0) return;
    for (const [key, statement] of this.#ids) if (ids.has(statement.id)) this.#ids.delete(key);
  }

  get size(): number {
    return this.#ids.size;
  }
}

function closeMessage(id: number): Buffer {
  return rawMessage(FrontendMessage.Close, Buffer.concat([Buffer.from([DescribeTarget.Statement]), serverNameOf(id)]));
}

function serverNameOf(id: number): Buffer {
  return Buffer.from(`${SERVER_NAME_PREFIX}${id}\0`, 'latin1');
}

/**
 * What the rewriter needs to know about the server the client currently uses. `preparedIds` iterates least
 * recently used first (a use re-inserts the id); `expectParse` is told of every Parse before it is written.
 */
export interface PreparedStatementServer {
  readonly preparedIds: Set<number>;
  expectParse(parse: ParseInFlight): void;
  /** Sends extended-protocol messages ending with a Sync whose whole response is dropped. */
  runInternal(request: Buffer): void;
}

/**
 * A Parse written to a server, until its ParseComplete arrives. Without one by the ReadyForQuery of its batch it
 * failed (or was skipped after an earlier error): the server does not have the statement.
 */
export interface ParseInFlight {
  /** The statement id the server holds once this Parse succeeds; null for an unnamed Parse or PARSE_NOTHING. */
  readonly prepares: number | null;
  /** Injected by the proxy: the client never sees its ParseComplete. */
  readonly dropComplete: boolean;
  /** The client's statement name to forget when this Parse fails. */
  readonly onFailed: (() => void) | null;
}

const FORWARDED_UNNAMED: ParseInFlight = { prepares: null, dropComplete: false, onFailed: null };

/**
 * Close messages (and a Sync) that make `server` forget its least recently used statements beyond `limit`, or
 * null when it holds no more than that. Sent as an internal request before a client's transaction starts on
 * the server: a Close cannot fail and nothing before it in its batch can, so the server has forgotten each id
 * before any later Parse could prepare it again under the same name.
 */
export function evictionRequest(server: PreparedStatementServer, limit: number): Buffer | null {
  const excess = server.preparedIds.size - limit;
  if (excess <= 0) return null;
  const messages: Buffer[] = [];
  for (const id of server.preparedIds) {
    if (messages.length === excess) break;
    server.preparedIds.delete(id);
    messages.push(closeMessage(id));
  }
  messages.push(SYNC);
  return Buffer.concat(messages);
}

/** A client's name for a statement, from the Parse that gave it: a later Parse of the name is another binding. */
interface NameBinding {
  readonly statement: PreparedStatement;
}

/** Per client: its statement names. Each method returns the bytes to send instead of the original message. */
export class ClientStatements {
  readonly #catalog: StatementCatalog;
  readonly #byName = new Map<string, NameBinding>();

  constructor(catalog: StatementCatalog) {
    this.#catalog = catalog;
  }

  get count(): number {
    return this.#byName.size;
  }

  /**
   * Parse message at buf[off, end). Returns false to forward it unchanged (unnamed statement). `idle`: the
   * server has nothing in flight and no transaction open, so no portal can depend on its statements.
   */
  parse(buf: Buffer, off: number, end: number, server: PreparedStatementServer, out: Buffer[], idle: boolean): boolean {
    const nameEnd = cstringEnd(buf, off + 5, end);
    if (nameEnd <= off + 5) {
      server.expectParse(FORWARDED_UNNAMED);
      return false;
    }
    const name = buf.toString('latin1', off + 5, nameEnd);
    const binding: NameBinding = { statement: this.#catalog.intern(buf.subarray(nameEnd + 1, end)) };
    this.#byName.set(name, binding);
    // PostgreSQL forgets a statement whose Parse failed: so does the client's name (unless parsed again since).
    const onFailed = (): void => {
      if (this.#byName.get(name) === binding) this.#byName.delete(name);
    };
    const { id } = binding.statement;
    if (server.preparedIds.has(id) && idle) {
      // A client's Parse gets a fresh plan, as from PostgreSQL: the shared statement may predate a change of the
      // tables it reads (another client's cached plan would then fail its first Bind with 0A000).
      server.runInternal(Buffer.concat([closeMessage(id), SYNC]));
      server.expectParse({ prepares: id, dropComplete: false, onFailed });
      out.push(parseMessage(binding.statement));
    } else if (server.preparedIds.has(id)) {
      touch(server, id);
      server.expectParse({ prepares: null, dropComplete: false, onFailed });
      out.push(PARSE_NOTHING);
    } else {
      server.preparedIds.add(id);
      server.expectParse({ prepares: id, dropComplete: false, onFailed });
      out.push(parseMessage(binding.statement));
    }
    return true;
  }

  /** Bind: statement name is the second string. */
  bind(buf: Buffer, off: number, end: number, server: PreparedStatementServer, out: Buffer[]): boolean {
    const portalEnd = cstringEnd(buf, off + 5, end);
    if (portalEnd < 0) return false;
    const nameEnd = cstringEnd(buf, portalEnd + 1, end);
    if (nameEnd <= portalEnd + 1) return false;
    const statement = this.#byName.get(buf.toString('latin1', portalEnd + 1, nameEnd))?.statement;
    if (!statement) return false;
    this.#ensurePrepared(statement, server, out);
    out.push(rawMessage(FrontendMessage.Bind, Buffer.concat([buf.subarray(off + 5, portalEnd + 1), statement.serverName, buf.subarray(nameEnd + 1, end)])));
    return true;
  }

  /** Describe or Close of a statement; portals pass through. */
  describeOrClose(buf: Buffer, off: number, end: number, server: PreparedStatementServer, out: Buffer[]): boolean {
    if (buf[off + 5] !== DescribeTarget.Statement) return false;
    const nameEnd = cstringEnd(buf, off + 6, end);
    if (nameEnd <= off + 6) return false;
    const name = buf.toString('latin1', off + 6, nameEnd);
    const statement = this.#byName.get(name)?.statement;
    if (!statement) return false;
    if (buf[off] === FrontendMessage.Close) {
      // Close: other clients may share the server statement, so only the client's name goes away.
      this.#byName.delete(name);
      out.push(CLOSE_NOTHING);
      return true;
    }
    this.#ensurePrepared(statement, server, out);
    out.push(rawMessage(FrontendMessage.Describe, Buffer.concat([Buffer.from([DescribeTarget.Statement]), statement.serverName])));
    return true;
  }

  #ensurePrepared(statement: PreparedStatement, server: PreparedStatementServer, out: Buffer[]): void {
    if (server.preparedIds.has(statement.id)) {
      touch(server, statement.id);
      return;
    }
    server.preparedIds.add(statement.id);
    server.expectParse({ prepares: statement.id, dropComplete: true, onFailed: null });
    out.push(parseMessage(statement));
  }
}

/** Marks a statement the server holds as just used (last in its eviction order). */
function touch(server: PreparedStatementServer, id: number): void {
  server.preparedIds.delete(id);
  server.preparedIds.add(id);
}

function parseMessage(statement: PreparedStatement): Buffer {
  return rawMessage(FrontendMessage.Parse, Buffer.concat([statement.serverName, statement.definition]));
}
