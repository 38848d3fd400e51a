// A client connection on a net.Socket: TLS clients (TLSSocket decrypts into fresh buffers anyway), and every client
// where Node's internal stream binding is not available (PGTOPO_PROXY_IO=stream). Plain sockets still write on
// their handle when they can (dataPathWriter).
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { ClientTransport, TransportReader } from './client-transport.ts';
import { dataPathWriter, type DataPathWriter } from './handle-io.ts';
import { duplexSource } from '../protocol/frame-reader.ts';

export class SocketTransport implements ClientTransport {
  readonly remoteAddress: string;
  readonly #socket: Socket;
  readonly #writer: DataPathWriter;

  constructor(socket: Socket, remoteAddress = socket.remoteAddress ?? '') {
    this.#socket = socket;
    this.#writer = dataPathWriter(socket);
    this.remoteAddress = remoteAddress;
    socket.on('error', () => socket.destroy());
  }

  subscribe(onChunk: (chunk: Buffer) => void, onEnd: (error?: Error) => void): () => void {
    return duplexSource(this.#socket).subscribe(onChunk, onEnd);
  }

  readInto(reader: TransportReader): void {
    this.#socket.on('data', (chunk: Buffer) => reader.onTransportData(chunk));
  }

  get destroyed(): boolean {
    return this.#socket.destroyed;
  }

  get writable(): boolean {
    return this.#socket.writable;
  }

  get busy(): boolean {
    return this.#writer.busy;
  }

  write(data: Buffer): boolean {
    if (this.#socket.destroyed) return true; // as on a TcpTransport: nothing to wait for, the close is on its way
    return this.#writer.write(data);
  }

  onDrain(callback: () => void): void {
    this.#writer.onDrain(callback);
  }

  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  isPaused(): boolean {
    return this.#socket.isPaused();
  }

  end(last?: Buffer): void {
    if (last === undefined) this.#socket.end();
    else this.#socket.end(last);
  }

  destroy(): void {
    this.#socket.destroy();
  }

  onClose(callback: (transport: ClientTransport) => void): () => void {
    const closed = (): void => callback(this);
    this.#socket.once('close', closed);
    return () => this.#socket.off('close', closed);
  }

  startTls(context: SecureContext): TLSSocket {
    return new TLSSocket(this.#socket, { isServer: true, secureContext: context });
  }
}
