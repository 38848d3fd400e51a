// A client's plain TCP connection driven on the libuv handle that net.Server's accept produced, without ever
// building a net.Socket. net.Socket is a Duplex stream: its Readable and Writable states, event listeners and
// timers cost an idle client ~1 kB of heap, and a login paid for a socket, its 'data' events and its Writable
// writes, then for a second socket when the data path took the handle over to read into its own buffer (perf,
// 2026-12-03: socket construction, stream writes and the stream teardown were ~20 % of a login's user CPU).
// This does what net.Socket does underneath (lib/net.js, lib/internal/stream_base_commons.js), and only that:
// readStart/readStop, reads into one buffer shared by every login (its bytes copied out at once) and into the
// client's own buffer after it (useUserBuffer both), writeBuffer with one reused request, shutdown after the last
// write, close.
import { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { ClientTransport, TransportReader } from './client-transport.ts';
import type { ShutdownRequest, StreamBinding, WriteRequest } from './stream-binding.ts';

/** The methods of Node's TCPWrap (src/tcp_wrap.cc, src/stream_base.cc) this uses. */
export interface TcpHandle {
  readStart(): number;
  readStop(): number;
  useUserBuffer(buffer: Uint8Array): void;
  writeBuffer(request: WriteRequest, data: Buffer): number;
  shutdown(request: ShutdownRequest): number;
  close(callback: () => void): void;
  getpeername(out: { address?: string }): number;
  setNoDelay(enable: boolean): number;
  /** Must always be a function (the binding asserts so); net.Socket sets its own when it takes a handle. */
  onread: (this: TcpHandle, arrayBuffer: ArrayBuffer | undefined) => Buffer | undefined;
}

const OWNER = Symbol('pgtopo tcp transport');
const UV_EOF = -4095;

type OwnedHandle = TcpHandle & { [OWNER]?: TcpTransport };

/**
 * Where every login's reads land, copied out in the read callback (a read is handled before the next one starts).
 * Node's default read allocation was a 64 KiB malloc per read, shrunk to the bytes read and freed by V8 later: with
 * three reads per login, malloc and its consolidation were ~7 % of a login's user CPU (perf, `pgbench -C`).
 */
const LOGIN_READ_BUFFER = Buffer.allocUnsafeSlow(16 * 1024);

/**
 * The write request of the last write that completed at once, for the next write of any transport: a write the
 * kernel takes whole (nearly all) leaves its request free, so one serves every client instead of one kept by
 * each idle client. A write that goes on later keeps its request, and the next write makes a new one.
 */
let spareRequest: WriteRequest | null = null;

interface Subscriber {
  onChunk: (chunk: Buffer) => void;
  onEnd: (error?: Error) => void;
}

export class TcpTransport implements ClientTransport {
  readonly remoteAddress: string;
  readonly #handle: OwnedHandle;
  readonly #state: StreamBinding;
  #subscriber: Subscriber | null = null;
  /** Bytes read before anyone subscribed (only between accept and the login's first read, if ever). */
  #unclaimed: Buffer[] | null = null;
  #reader: TransportReader | null = null;
  #inFlight = 0;
  #drainCallbacks: (() => void)[] | null = null;
  #closeCallbacks: ((transport: ClientTransport) => void)[] | null = null;
  #paused = false;
  #ended = false;
  #destroyed = false;
  /** The TLS socket startTls() gave the handle to: destroying this transport destroys it (a login timeout). */
  #handedTo: TLSSocket | null = null;

  constructor(handle: TcpHandle, state: StreamBinding) {
    this.#handle = handle;
    this.#state = state;
    const peer: { address?: string } = {};
    this.remoteAddress = handle.getpeername(peer) === 0 ? (peer.address ?? '') : '';
    handle.setNoDelay(true);
    this.#handle[OWNER] = this;
    handle.onread = TcpTransport.#onRead;
    handle.useUserBuffer(LOGIN_READ_BUFFER);
    if (handle.readStart() !== 0) this.destroy();
  }

  /** One function for every handle (not a closure each: idle clients are kept by the thousand). */
  static readonly #onRead = function (this: OwnedHandle): Buffer | undefined {
    const transport = this[OWNER];
    if (transport === undefined || transport.#destroyed) return undefined;
    const state = transport.#state;
    const bytes = state.streamBaseState[state.kReadBytesOrError];
    if (bytes > 0) return transport.#received(bytes);
    if (bytes < 0) transport.#peerEnded(bytes);
    return undefined;
  };

  /** Reads always land in a user buffer (the login's shared one, then the reader's), so Node passes no ArrayBuffer. */
  #received(bytes: number): Buffer | undefined {
    const reader = this.#reader;
    if (reader !== null) return reader.onTransportRead(bytes);
    const chunk = Buffer.allocUnsafe(bytes); // from Node's pool: no malloc for a login's small messages
    LOGIN_READ_BUFFER.copy(chunk, 0, 0, bytes);
    if (this.#subscriber !== null) this.#subscriber.onChunk(chunk);
    else (this.#unclaimed ??= []).push(chunk);
    return undefined;
  }

  /** End of stream, or a read error: the client is gone; what this side still writes goes out first. */
  #peerEnded(status: number): void {
    const subscriber = this.#subscriber;
    this.#subscriber = null;
    subscriber?.onEnd(status === UV_EOF ? undefined : new Error(`read failed (libuv error ${status})`));
    if (status !== UV_EOF || this.#inFlight === 0) this.destroy();
    else this.onDrain(() => this.destroy());
  }

  subscribe(onChunk: (chunk: Buffer) => void, onEnd: (error?: Error) => void): () => void {
    const subscriber: Subscriber = { onChunk, onEnd };
    this.#subscriber = subscriber;
    const unclaimed = this.#unclaimed;
    this.#unclaimed = null;
    for (const chunk of unclaimed ?? []) onChunk(chunk);
    if (this.#destroyed) onEnd();
    return () => {
      if (this.#subscriber === subscriber) this.#subscriber = null;
    };
  }

  readInto(reader: TransportReader): void {
    this.#subscriber = null;
    this.#reader = reader;
    if (!this.#destroyed) this.#handle.useUserBuffer(reader.readBuffer());
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  get writable(): boolean {
    return !this.#ended && !this.#destroyed;
  }

  get busy(): boolean {
    return this.#inFlight > 0;
  }

  write(data: Buffer): boolean {
    if (this.#ended || this.#destroyed) return true;
    const request = spareRequest ?? new this.#state.WriteWrap();
    spareRequest = null;
    const error = this.#handle.writeBuffer(request, data);
    if (error !== 0) {
      spareRequest = request;
      this.destroy();
      return true;
    }
    if (this.#state.streamBaseState[this.#state.kLastWriteWasAsync] === 0) {
      spareRequest = request;
      return true;
    }
    this.#waitFor(request, data);
    return false;
  }

  /** The kernel took part of `data`: libuv writes the rest later and keeps a pointer into it until then. */
  #waitFor(request: WriteRequest, data: Buffer): void {
    this.#inFlight++;
    request.buffer = data;
    request.oncomplete = (status) => {
      request.buffer = null;
      this.#inFlight--;
      if (status < 0) this.destroy();
      if (this.#inFlight === 0) this.#drained();
    };
  }

  onDrain(callback: () => void): void {
    if (this.#inFlight === 0) callback();
    else (this.#drainCallbacks ??= []).push(callback);
  }

  #drained(): void {
    const callbacks = this.#drainCallbacks;
    this.#drainCallbacks = null;
    for (const callback of callbacks ?? []) callback();
  }

  pause(): void {
    if (this.#paused || this.#destroyed) return;
    this.#paused = true;
    this.#handle.readStop();
  }

  resume(): void {
    if (!this.#paused || this.#destroyed) return;
    this.#paused = false;
    if (this.#handle.readStart() !== 0) this.destroy();
  }

  isPaused(): boolean {
    return this.#paused;
  }

  end(last?: Buffer): void {
    if (this.#ended || this.#destroyed) return;
    if (last !== undefined) this.write(last);
    this.#ended = true;
    if (this.#destroyed) return;
    // libuv shuts the sending side down once every queued write is out.
    const request = new this.#state.ShutdownWrap();
    request.oncomplete = () => undefined;
    if (this.#handle.shutdown(request) !== 0) this.destroy();
  }

  destroy(): void {
    if (this.#handedTo !== null) {
      this.#handedTo.destroy();
      return;
    }
    if (this.#destroyed) return;
    this.#destroyed = true;
    const subscriber = this.#subscriber;
    this.#subscriber = null;
    this.#handle.close(() => this.#closed());
    subscriber?.onEnd();
  }

  #closed(): void {
    this.#handle[OWNER] = undefined;
    this.#drained(); // cancelled writes completed with an error: nothing is in flight any more
    const callbacks = this.#closeCallbacks;
    this.#closeCallbacks = null;
    for (const callback of callbacks ?? []) callback(this);
  }

  onClose(callback: (transport: ClientTransport) => void): () => void {
    // Arrays of exactly the callbacks (two for a logged-in client): a push onto [] would reserve 17 slots, 152
    // bytes kept by every idle client.
    const callbacks = this.#closeCallbacks;
    this.#closeCallbacks = callbacks === null ? [callback] : callbacks.concat(callback);
    return () => {
      const callbacks = this.#closeCallbacks;
      const at = callbacks?.indexOf(callback) ?? -1;
      if (at >= 0) callbacks?.splice(at, 1);
    };
  }

  /**
   * TLS reads from the handle through its own stream listener, pushed above the login's user buffer; the net.Socket
   * under it only carries the handle (a plain net.Socket could not read here: reads land in the user buffer).
   */
  startTls(context: SecureContext): TLSSocket {
    if (this.#reader !== null || this.#destroyed) throw new Error('the connection can no longer start TLS');
    this.#handle.readStop();
    this.#handle[OWNER] = undefined;
    this.#destroyed = true;
    this.#subscriber = null;
    const carrier = new Socket({ handle: this.#handle as never, readable: true, writable: true } as ConstructorParameters<typeof Socket>[0]);
    const secured = new TLSSocket(carrier, { isServer: true, secureContext: context });
    this.#handedTo = secured;
    return secured;
  }

}
