// What a client connection runs on, from accept to close: a plain TCP connection driven on its libuv handle
// (tcp-transport.ts, no net.Socket at all: an idle client keeps ~1 kB less, a login builds no stream objects), or a
// net.Socket (socket-transport.ts: TLS, and the fallback when Node's internal bindings are not there).
import type { SecureContext, TLSSocket } from 'node:tls';
import type { DataPathWriter } from './handle-io.ts';
import type { ByteSource } from '../protocol/frame-reader.ts';

/** Where data-path reads land: the reader's own buffer, handed back with the byte count. */
export interface TransportReader {
  readBuffer(): Buffer;
  /** Handles `bytes` read into readBuffer(); may return the buffer for the next read. */
  onTransportRead(bytes: number): Buffer | undefined;
  /** Handles a chunk in a buffer of its own (a TLS socket's decrypted data). */
  onTransportData(chunk: Buffer): void;
}

export interface ClientTransport extends DataPathWriter, ByteSource {
  readonly remoteAddress: string;
  /** Closed, or closing: nothing more is read or written. */
  readonly destroyed: boolean;
  /** Not ended by this side and not closed: a write may still reach the client. */
  readonly writable: boolean;
  /** From now on reads go to `reader` (the data path); what subscribe() delivered before is the login's. */
  readInto(reader: TransportReader): void;
  pause(): void;
  resume(): void;
  isPaused(): boolean;
  /** Writes `last`, then ends the sending side once every write is out; closes when the client goes. */
  end(last?: Buffer): void;
  /** Closes now; writes still in flight are dropped. */
  destroy(): void;
  /**
   * `callback` runs once when the connection is closed, for whatever reason, with this transport (so that one
   * function can serve every transport); the returned function unregisters it.
   */
  onClose(callback: (transport: ClientTransport) => void): () => void;
  /**
   * The connection as the server side of TLS (after an SSLRequest was answered 'S'); this transport is then spent.
   * Only before readInto().
   */
  startTls(context: SecureContext): TLSSocket;
}
