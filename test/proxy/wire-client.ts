// A raw protocol-3 client for tests that need what node-postgres never sends: pipelined batches, a Terminate at
// a chosen point of the login, or every backend message of a request (to count ErrorResponses). It logs in
// without a password, so the proxy under test trusts 127.0.0.1 (or the test answers the challenge itself).
import { connect, type Socket } from 'node:net';
import { DatabaseError, parse, serialize } from 'pg-protocol';
import { DataRowMessage, type BackendMessage } from 'pg-protocol/dist/messages.js';

export interface WireAnswer {
  /** Message names in order ('parseComplete', 'error', 'readyForQuery', ...). */
  names: string[];
  /** SQLSTATEs of the ErrorResponses, in order. */
  errors: string[];
  /** The first column of every DataRow, as text. */
  firstColumn: string[];
}

export class WireClient {
  readonly socket: Socket;
  readonly received: BackendMessage[] = [];
  /** Resolves when the connection has closed (from either side). */
  readonly closed: Promise<void>;
  #waiter: (() => void) | null = null;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    void parse(socket, (message) => {
      this.received.push(message);
      this.#waiter?.();
    });
    socket.once('close', () => this.#waiter?.());
  }

  /** Connects and writes `opening` (the StartupMessage unless told) in one write, without waiting for an answer. */
  static async connect(port: number, opening: Buffer = startupPacket()): Promise<WireClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(opening);
    return new WireClient(socket);
  }

  /** Connects and waits for the ReadyForQuery that ends the login. */
  static async login(port: number): Promise<WireClient> {
    const client = await WireClient.connect(port);
    await client.until((m) => m.name === 'readyForQuery');
    client.received.length = 0;
    return client;
  }

  /** Writes `bytes` and collects everything up to the `readyCount`-th ReadyForQuery (or the close). */
  async request(bytes: Buffer, readyCount = 1): Promise<WireAnswer> {
    this.received.length = 0;
    this.socket.write(bytes);
    let seen = 0;
    await this.until((m) => m.name === 'readyForQuery' && ++seen === readyCount);
    const answer = answerOf(this.received);
    this.received.length = 0;
    return answer;
  }

  /** Everything received so far, then cleared. */
  take(): WireAnswer {
    const answer = answerOf(this.received);
    this.received.length = 0;
    return answer;
  }

  async until(done: (message: BackendMessage) => boolean): Promise<void> {
    let checked = 0;
    for (;;) {
      while (checked < this.received.length) if (done(this.received[checked++])) return;
      if (this.socket.destroyed) return;
      await new Promise<void>((resolve) => (this.#waiter = resolve));
      this.#waiter = null;
    }
  }

  async end(): Promise<void> {
    if (!this.socket.destroyed) this.socket.end(serialize.end());
    await this.closed;
  }
}

function answerOf(messages: BackendMessage[]): WireAnswer {
  return {
    names: messages.map((m) => m.name),
    errors: messages.filter((m): m is DatabaseError => m instanceof DatabaseError).map((m) => m.code ?? '?'),
    firstColumn: messages.filter((m): m is DataRowMessage => m instanceof DataRowMessage).map((m) => String(m.fields[0])),
  };
}

export function startupPacket(): Buffer {
  return serialize.startup({ user: 'postgres', database: 'postgres' });
}

/** Parse (named), Bind, Execute of one statement; no Sync. */
export function prepareAndRun(name: string, text: string): Buffer[] {
  return [serialize.parse({ name, text }), serialize.bind({ statement: name }), serialize.execute()];
}

/** Messages followed by one Sync, as one buffer. */
export function synced(...messages: Buffer[]): Buffer {
  return Buffer.concat([...messages, serialize.sync()]);
}
