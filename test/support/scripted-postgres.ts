// A stand-in PostgreSQL server whose answers a test writes byte for byte: what a real server does only by chance
// under load (a ReadyForQuery and a FATAL in one TCP segment, a close right after the next request) happens here
// every time. It trusts every login, answers simple Query messages through the test's script and ignores the rest.
import { createServer, type Server, type Socket } from 'node:net';
import { BackendMessage, EncryptionResponse, FrontendMessage, StartupCode } from '../../proxy/protocol/message-codes.ts';
import { backendKeyData, commandComplete, parameterStatus, rawMessage, readyForQuery } from '../../proxy/protocol/message-builders.ts';

/** One client connection of the scripted server. */
export interface ScriptedSession {
  readonly socket: Socket;
  /** Writes `messages` as one write, so the peer reads them together. */
  send(...messages: Buffer[]): void;
  /** Destroys the connection when its next message arrives (after a FATAL, as a dying backend does). */
  closeOnNextMessage(): void;
}

/** Answers one Query; `answered()` is what a statement that returns nothing gets. */
export type QueryScript = (sql: string, session: ScriptedSession) => void;

export interface ScriptedPostgres {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ScriptedPostgresOptions {
  script: QueryScript;
  /** ParameterStatus messages sent at login besides server_version and the encodings. */
  parameters?: Readonly<Record<string, string>>;
}

const SSL_REQUEST = StartupCode.SslRequest;

/** CommandComplete and an idle ReadyForQuery. */
export function answered(tag = 'SELECT 0'): Buffer[] {
  return [commandComplete(tag), readyForQuery('I')];
}

export async function startScriptedPostgres(options: ScriptedPostgresOptions): Promise<ScriptedPostgres> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).once('close', () => sockets.delete(socket));
    serve(socket, options);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function serve(socket: Socket, options: ScriptedPostgresOptions): void {
  let pending = Buffer.alloc(0);
  let loggedIn = false;
  let dying = false;
  const session: ScriptedSession = {
    socket,
    send: (...messages) => void socket.write(Buffer.concat(messages)),
    closeOnNextMessage: () => (dying = true),
  };
  socket.on('data', (chunk: Buffer) => {
    if (dying) {
      socket.destroy();
      return;
    }
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const header = loggedIn ? 1 : 0;
      if (pending.length < header + 4) return;
      const end = header + pending.readInt32BE(header);
      if (pending.length < end) return;
      const message = pending.subarray(0, end);
      pending = pending.subarray(end);
      if (!loggedIn) loggedIn = startup(message, session, options.parameters ?? {});
      else if (!request(message, session, options.script)) return;
    }
  });
}

/** Answers a startup packet; true once the login is done. */
function startup(packet: Buffer, session: ScriptedSession, parameters: Readonly<Record<string, string>>): boolean {
  if (packet.readInt32BE(4) === SSL_REQUEST) {
    session.send(Buffer.from([EncryptionResponse.Refuse]));
    return false;
  }
  const reported = { server_version: '15.0', server_encoding: 'UTF8', client_encoding: 'UTF8', ...parameters };
  session.send(
    rawMessage(BackendMessage.Authentication, Buffer.alloc(4)), // AuthenticationOk
    ...Object.entries(reported).map(([name, value]) => parameterStatus(name, value)),
    backendKeyData(session.socket.remotePort ?? 1, 1),
    readyForQuery('I'),
  );
  return true;
}

/** Handles one message after login; false when the connection ended. */
function request(message: Buffer, session: ScriptedSession, script: QueryScript): boolean {
  if (message[0] === FrontendMessage.Terminate) {
    session.socket.end();
    return false;
  }
  if (message[0] === FrontendMessage.Query) script(message.toString('utf8', 5, message.length - 1), session);
  else if (message[0] === FrontendMessage.Sync) session.send(readyForQuery('I'));
  return !session.socket.destroyed;
}
