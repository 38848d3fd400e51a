// Accepted connections as client transports. Where Node's stream binding is there, the listening handle's
// `onconnection` (which net.Server points at its own function, building a net.Socket per connection) is replaced
// once the server listens, so a plain TCP client never gets a net.Socket (tcp-transport.ts). Otherwise, and for
// any connection net.Server still announces, the socket is wrapped as it is (socket-transport.ts).
import type { Server, Socket } from 'node:net';
import type { ClientTransport } from './client-transport.ts';
import { SocketTransport } from './socket-transport.ts';
import { streamBinding } from './stream-binding.ts';
import { TcpTransport, type TcpHandle } from './tcp-transport.ts';

interface ListeningHandle {
  onconnection: ((status: number, clientHandle?: TcpHandle) => void) | null;
}

/** Calls `onTransport` for every connection `server` accepts; set up before `server.listen`. */
export function acceptTransports(server: Server, onTransport: (transport: ClientTransport) => void): void {
  server.on('connection', (socket: Socket) => onTransport(new SocketTransport(socket)));
  const state = streamBinding;
  if (state === null) return;
  // 'listening' comes in a tick after the handle is made, before any poll phase could accept a connection.
  server.on('listening', () => {
    const handle = (server as unknown as { _handle: ListeningHandle | null })._handle;
    if (handle === null || typeof handle.onconnection !== 'function') return;
    handle.onconnection = (status, clientHandle) => {
      // A failed accept (EMFILE, …) is dropped: net.Server would emit 'error', which no listener handles any more.
      if (status !== 0 || clientHandle === undefined) return;
      onTransport(new TcpTransport(clientHandle, state));
    };
  });
}
