// The load generator of the many-clients benchmarks: raw sockets that log in (StartupMessage, SCRAM, up to
// ReadyForQuery) and then sit idle, thousands per process. It speaks the protocol with the proxy's own
// client-side login code (proxy/auth/backend-auth.ts), which caches the PBKDF2 result, so a login costs
// the generator a few HMACs and the pooler under test pays its full server-side SCRAM exchange.
import { connect, type Socket } from 'node:net';
import { BackendAuth } from '../proxy/auth/backend-auth.ts';
import { parseErrorResponse, readFrame } from '../proxy/auth/auth-messages.ts';
import { runAuth } from '../proxy/auth/auth-step.ts';
import { duplexSource, FrameReader, MessageStream } from '../proxy/protocol/frame-reader.ts';
import { BackendMessage, FrontendMessage } from '../proxy/protocol/message-codes.ts';
import { rawMessage, startupMessage } from '../proxy/protocol/message-builders.ts';

export interface LoginTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const MAX_MESSAGE = 1 << 20;
const LOGIN_TIMEOUT_MS = 30_000;

/** One logged-in connection. `dropped` says why it closed, if it did while it was meant to stay open. */
export class IdleClient {
  readonly #socket: Socket;
  readonly #reader = new FrameReader(MAX_MESSAGE);
  #pending: { resolve: () => void; reject: (error: Error) => void; error?: string } | undefined;
  #closing = false;
  dropped: string | undefined;

  constructor(socket: Socket, rest: Buffer) {
    this.#socket = socket;
    this.#reader.push(rest);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#drop(error.message));
    socket.on('close', () => this.#drop('connection closed by the server'));
  }

  /** A simple-protocol query, resolved at ReadyForQuery; rejects with the server's error. */
  query(sql: string): Promise<void> {
    if (this.dropped) return Promise.reject(new Error(this.dropped));
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#socket.write(rawMessage(FrontendMessage.Query, Buffer.from(`${sql}\0`)));
    });
  }

  close(): void {
    this.#closing = true;
    this.#socket.end(rawMessage(FrontendMessage.Terminate, Buffer.alloc(0)));
    this.#socket.destroySoon();
  }

  #onData(chunk: Buffer): void {
    this.#reader.push(chunk);
    for (let message = this.#reader.next(); message; message = this.#reader.next()) {
      const { type, body } = readFrame(message);
      if (type === BackendMessage.ErrorResponse && this.#pending) this.#pending.error = parseErrorResponse(body).message;
      if (type === BackendMessage.ReadyForQuery && this.#pending) {
        const { resolve, reject, error } = this.#pending;
        this.#pending = undefined;
        if (error) reject(new Error(error));
        else resolve();
      }
    }
  }

  #drop(reason: string): void {
    if (this.#closing || this.dropped) return;
    this.dropped = reason;
    this.#pending?.reject(new Error(reason));
    this.#pending = undefined;
  }
}

function openSocket(target: LoginTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, noDelay: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Reads until ReadyForQuery; an ErrorResponse (say, too many clients) fails the login with its text. */
async function awaitReady(stream: MessageStream): Promise<void> {
  for (;;) {
    const { type, body } = readFrame(await stream.read());
    if (type === BackendMessage.ErrorResponse) throw new Error(parseErrorResponse(body).message);
    if (type === BackendMessage.ReadyForQuery) return;
  }
}

/** Connects and logs in one client; the socket stays open and idle. */
export async function loginClient(target: LoginTarget): Promise<IdleClient> {
  const socket = await openSocket(target);
  const timer = setTimeout(() => socket.destroy(new Error(`login did not finish within ${LOGIN_TIMEOUT_MS / 1000} s`)), LOGIN_TIMEOUT_MS);
  const stream = new MessageStream(duplexSource(socket), MAX_MESSAGE, false);
  try {
    socket.write(startupMessage({ user: target.user, database: target.database, application_name: 'pgtopo-bench-idle' }));
    const step = await runAuth(new BackendAuth({ user: target.user, password: target.password }), {
      send: (messages) => void socket.write(Buffer.concat(messages)),
      next: () => stream.read(),
    });
    if (step.status === 'failed') throw new Error(step.error.message);
    await awaitReady(stream);
    return new IdleClient(socket, stream.detach());
  } catch (error) {
    stream.detach();
    socket.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Logs in `count` more clients, `concurrency` at a time (a burst of thousands of SYNs would only overflow
 * the listen backlog and measure retransmits). Fails on the first login that fails, saying how far it got.
 */
export async function loginClients(target: LoginTarget, count: number, into: IdleClient[], concurrency = 64): Promise<void> {
  let started = 0;
  let failure: Error | undefined;
  const worker = async (): Promise<void> => {
    while (started < count && !failure) {
      started++;
      try {
        into.push(await loginClient(target));
      } catch (error) {
        failure ??= error as Error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure) throw new Error(`login ${into.length + 1} failed: ${failure.message}`);
}

/** The clients that closed while they should have stayed open, with their reasons counted. */
export function droppedClients(clients: readonly IdleClient[]): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const client of clients) if (client.dropped) reasons.set(client.dropped, (reasons.get(client.dropped) ?? 0) + 1);
  return reasons;
}

/** Runs `SELECT 1` on every client, `concurrency` at a time: proves each idle login still works. */
export async function queryEach(clients: readonly IdleClient[], concurrency = 64): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < clients.length) {
      const client = clients[next++];
      await client.query('SELECT 1').catch(() => failed++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
  return failed;
}
