// Cuts a byte stream into whole protocol messages (type byte + Int32 length + body). Used only for the
// startup and authentication phases, where messages are few and handled one at a time; the forwarding hot
// path scans headers in place instead (proxy/frontend/client-connection.ts, proxy/backend/server-connection.ts).
import type { Duplex } from 'node:stream';
import { FrontendMessage } from './message-codes.ts';

const TERMINATE: number = FrontendMessage.Terminate;

export class ProtocolViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

/**
 * The client sent Terminate before its login finished (node-postgres does so even before the StartupMessage when
 * `end()` follows `connect()` at once): PostgreSQL closes without a word, and so does the proxy.
 */
export class ClientTerminated extends Error {
  constructor() {
    super('client sent Terminate during login');
    this.name = 'ClientTerminated';
  }
}

/** Terminate ('X', length 4): the only message a client may send at any point of the login. */
function isTerminate(buffer: Buffer): boolean {
  return buffer.length >= 5 && buffer[0] === TERMINATE && buffer.readInt32BE(1) === 4;
}

export class FrameReader {
  #buffer: Buffer = Buffer.alloc(0);
  readonly #maxLength: number;
  /** Startup packets have no type byte: their header is just the Int32 length. */
  #untypedNext: boolean;

  constructor(maxLength: number, untypedFirst = false) {
    this.#maxLength = maxLength;
    this.#untypedNext = untypedFirst;
  }

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
  }

  /** Expect one more untyped packet (after SSLRequest the client sends a fresh StartupMessage). */
  expectUntyped(): void {
    this.#untypedNext = true;
  }

  /** The next complete message, or null if more bytes are needed. Throws on an impossible length. */
  next(): Buffer | null {
    const headerSize = this.#untypedNext ? 4 : 5;
    if (this.#buffer.length < headerSize) return null;
    // No backend message has type 'X', so the server-side login reads through this unaffected.
    if (isTerminate(this.#buffer)) throw new ClientTerminated();
    const length = this.#buffer.readInt32BE(headerSize - 4);
    if (length < 4 || length > this.#maxLength) {
      throw new ProtocolViolation(`invalid message length ${length}`);
    }
    const total = length + headerSize - 4;
    if (this.#buffer.length < total) return null;
    const message = this.#buffer.subarray(0, total);
    this.#buffer = this.#buffer.subarray(total);
    this.#untypedNext = false;
    return message;
  }

  /** Bytes received after the last returned message; handed to the hot path when startup ends. */
  takeRest(): Buffer {
    const rest = this.#buffer;
    this.#buffer = Buffer.alloc(0);
    return rest;
  }
}

/** Where a MessageStream's bytes come from: a socket's 'data' events, or a client transport's reads. */
export interface ByteSource {
  /** `onChunk` gets each chunk, `onEnd` is called when the source ends or fails; the returned function stops both. */
  subscribe(onChunk: (chunk: Buffer) => void, onEnd: (error?: Error) => void): () => void;
}

/** A Duplex (a server connection's socket during its login) as a ByteSource. */
export function duplexSource(socket: Duplex): ByteSource {
  return {
    subscribe(onChunk, onEnd) {
      const ended = (): void => onEnd();
      socket.on('data', onChunk);
      socket.on('end', ended);
      socket.on('close', ended);
      socket.on('error', onEnd);
      return () => {
        socket.off('data', onChunk);
        socket.off('end', ended);
        socket.off('close', ended);
        socket.off('error', onEnd);
      };
    },
  };
}

/** Reads whole messages from a byte source with await, for the handshake phases. */
export class MessageStream {
  readonly #reader: FrameReader;
  #waiter: { resolve: (m: Buffer) => void; reject: (e: Error) => void } | null = null;
  #failure: Error | null = null;
  readonly #stop: () => void;

  constructor(source: ByteSource, maxLength: number, untypedFirst: boolean) {
    this.#reader = new FrameReader(maxLength, untypedFirst);
    this.#stop = source.subscribe(
      (chunk) => {
        this.#reader.push(chunk);
        this.#deliver();
      },
      (error) => this.#fail(error ?? new ProtocolViolation('connection closed during handshake')),
    );
  }

  get reader(): FrameReader {
    return this.#reader;
  }

  read(): Promise<Buffer> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
      this.#deliver();
    });
  }

  /** Stops listening and returns bytes that arrived after the last message read. */
  detach(): Buffer {
    this.#stop();
    return this.#reader.takeRest();
  }

  #deliver(): void {
    if (!this.#waiter) return;
    let message: Buffer | null;
    try {
      message = this.#reader.next();
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    if (!message) return;
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter.resolve(message);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.reject(this.#failure);
  }
}
