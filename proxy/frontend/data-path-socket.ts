// Moves an accepted plain-TCP client connection onto a socket that reads with `onread` into a reusable buffer,
// like the server side does. An accepted socket cannot be given `onread` (net.Server creates it), so its
// libuv handle is stopped, detached from the login socket and adopted by a new net.Socket — the same thing
// net.Server does for every accepted connection. This skips a Readable push, a 'data' event and a nextTick per
// read. TLS connections keep their TLSSocket (TLS decrypts into fresh buffers anyway).
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

interface StreamHandle {
  reading: boolean;
  readStop(): number;
}

export interface DataPathReader {
  /** The buffer the next read lands in. */
  readBuffer(): Buffer;
  onRead(bytes: number): void;
}

/** The socket to use on the data path: a new onread socket owning the same connection, or `socket` itself. */
export function adoptForDataPath(socket: Socket, reader: DataPathReader): Socket {
  const internals = socket as unknown as { _handle: StreamHandle | null };
  const handle = internals._handle;
  if (handle === null || socket instanceof TLSSocket || socket.readableLength > 0 || socket.destroyed) return socket;
  handle.reading = false;
  handle.readStop();
  socket.removeAllListeners('data');
  internals._handle = null; // the login socket closes without closing the connection it no longer owns
  socket.destroy();
  const adopted = new Socket({
    handle: handle as never,
    readable: true,
    writable: true,
    onread: {
      buffer: () => reader.readBuffer(),
      callback: (bytes: number) => {
        reader.onRead(bytes);
        return true;
      },
    },
  } as ConstructorParameters<typeof Socket>[0]);
  return adopted;
}
