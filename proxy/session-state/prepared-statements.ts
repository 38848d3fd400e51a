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

export interface PreparedStatement {
  id: number;
  serverName: Buffer;
  /** Parse body after the statement name (query text, parameter types), for replaying on another server. */
  definition: Buffer;
}

/** Proxy-wide: one id per distinct (query, parameter types). */
export class StatementCatalog {
  readonly #ids = new Map<string, PreparedStatement>();

  intern(definition: Buffer): PreparedStatement {
    const key = definition.toString('latin1');
    let statement = this.#ids.get(key);
    if (!statement) {
      const id = this.#ids.size + 1;
      statement = { id, serverName: Buffer.from(`${SERVER_NAME_PREFIX}${id}\0`, 'latin1'), definition: Buffer.from(definition) };
      this.#ids.set(key, statement);
    }
    return statement;
  }

  get size(): number {
    return this.#ids.size;
  }
}

/** What the rewriter needs to know about the server the client currently uses. */
export interface PreparedStatementServer {
  readonly preparedIds: Set<number>;
  dropNextParseComplete(): void;
  countForwardedParse(): void;
}

/** Per client: its statement names. Each method returns the bytes to send instead of the original message. */
export class ClientStatements {
  readonly #catalog: StatementCatalog;
  readonly #byName = new Map<string, PreparedStatement>();

  constructor(catalog: StatementCatalog) {
    this.#catalog = catalog;
  }

  get count(): number {
    return this.#byName.size;
  }

  /** Parse message at buf[off, end). Returns null to forward unchanged (unnamed statement). */
  parse(buf: Buffer, off: number, end: number, server: PreparedStatementServer, out: Buffer[]): boolean {
    const nameEnd = cstringEnd(buf, off + 5, end);
    if (nameEnd <= off + 5) {
      server.countForwardedParse();
      return false;
    }
    const name = buf.toString('latin1', off + 5, nameEnd);
    const statement = this.#catalog.intern(buf.subarray(nameEnd + 1, end));
    this.#byName.set(name, statement);
    server.countForwardedParse();
    if (server.preparedIds.has(statement.id)) {
      out.push(PARSE_NOTHING);
    } else {
      server.preparedIds.add(statement.id);
      out.push(rawMessage(FrontendMessage.Parse, Buffer.concat([statement.serverName, statement.definition])));
    }
    return true;
  }

  /** Bind: statement name is the second string. */
  bind(buf: Buffer, off: number, end: number, server: PreparedStatementServer, out: Buffer[]): boolean {
    const portalEnd = cstringEnd(buf, off + 5, end);
    if (portalEnd < 0) return false;
    const nameEnd = cstringEnd(buf, portalEnd + 1, end);
    if (nameEnd <= portalEnd + 1) return false;
    const statement = this.#byName.get(buf.toString('latin1', portalEnd + 1, nameEnd));
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
    const statement = this.#byName.get(name);
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
    if (server.preparedIds.has(statement.id)) return;
    server.preparedIds.add(statement.id);
    server.dropNextParseComplete();
    out.push(rawMessage(FrontendMessage.Parse, Buffer.concat([statement.serverName, statement.definition])));
  }
}
