// Reads and writes of the data path, done on a plain TCP socket's libuv handle instead of through net.Socket's
// stream layer. Each Writable write creates a WriteWrap and queues an afterWrite tick (a second entry into
// JavaScript per event), and each read through net's onread adds timer and buffer-callback bookkeeping;
// together that was about 2.5 µs of the proxy's 6 µs user CPU per select-only transaction (perf, 2026-11-24),
// PgBouncer's whole user CPU being 1.5 µs. What is left here is what net.Socket itself does underneath
// (lib/net.js, lib/internal/stream_base_commons.js): handle.writeBuffer with a reused request object, and the
// handle's onread reading straight into the buffer given to it. TLS sockets, and a Node without the
// stream_wrap binding or with PGTOPO_PROXY_IO=stream set, keep the public stream API.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { streamBinding, type StreamBinding, type WriteRequest } from './stream-binding.ts';

interface StreamHandle {
  writeBuffer(request: WriteRequest, data: Buffer): number;
  onread: (this: StreamHandle, arrayBuffer: ArrayBuffer | undefined) => unknown;
}

const binding = streamBinding;

function handleOf(socket: Socket): StreamHandle | null {
  if (binding === null || socket instanceof TLSSocket) return null;
  const handle = (socket as unknown as { _handle: StreamHandle | null })._handle;
  return handle !== null && typeof handle.writeBuffer === 'function' ? handle : null;
}

/** Where the data path writes one side's bytes. */
export interface DataPathWriter {
  /** Writes `data`; false when part of it is still in flight, so the caller should stop reading its source. */
  write(data: Buffer): boolean;
  /** A write still references a buffer it was given: that buffer must not be reused yet. */
  readonly busy: boolean;
  /** After write returned false: `callback` runs once everything in flight is written (or the socket is gone). */
  onDrain(callback: () => void): void;
}

/** Writes through the socket's Writable; for TLS and as the fallback. */
class StreamWriter implements DataPathWriter {
  readonly #socket: Socket;

  constructor(socket: Socket) {
    this.#socket = socket;
  }

  write(data: Buffer): boolean {
    return this.#socket.write(data);
  }

  get busy(): boolean {
    return this.#socket.writableLength > 0;
  }

  onDrain(callback: () => void): void {
    const once = (): void => {
      this.#socket.off('drain', once);
      this.#socket.off('close', once);
      callback();
    };
    this.#socket.on('drain', once);
    this.#socket.on('close', once);
  }
}

/** Writes on the libuv handle; one request object serves every write the kernel takes at once. */
class HandleWriter implements DataPathWriter {
  readonly #socket: Socket;
  readonly #state: StreamBinding;
  #request: WriteRequest | null = null;
  #inFlight = 0;
  #drainCallbacks: (() => void)[] = [];

  constructor(socket: Socket, state: StreamBinding) {
    this.#socket = socket;
    this.#state = state;
  }

  write(data: Buffer): boolean {
    const handle = (this.#socket as unknown as { _handle: StreamHandle | null })._handle;
    // Bytes queued in the Writable (a login reply, an error) must go first: they are behind its own write.
    if (handle === null || this.#socket.writableLength > 0) return this.#socket.write(data);
    const request = this.#request ?? new this.#state.WriteWrap();
    this.#request = request;
    const error = handle.writeBuffer(request, data);
    if (error !== 0) {
      this.#socket.destroy(new Error(`write failed (libuv error ${error})`));
      return true;
    }
    if (this.#state.streamBaseState[this.#state.kLastWriteWasAsync] === 0) return true;
    this.#waitFor(request, data);
    return false;
  }

  get busy(): boolean {
    return this.#inFlight > 0 || this.#socket.writableLength > 0;
  }

  onDrain(callback: () => void): void {
    if (this.#inFlight === 0) callback();
    else this.#drainCallbacks.push(callback);
  }

  /** The kernel took part of `data`: libuv writes the rest later and keeps a pointer into it until then. */
  #waitFor(request: WriteRequest, data: Buffer): void {
    this.#request = null;
    this.#inFlight++;
    request.buffer = data;
    request.oncomplete = (status) => {
      request.buffer = null;
      this.#inFlight--;
      if (status < 0) this.#socket.destroy(new Error(`write failed (libuv error ${status})`));
      if (this.#inFlight === 0) this.#drained();
    };
  }

  #drained(): void {
    const callbacks = this.#drainCallbacks;
    this.#drainCallbacks = [];
    for (const callback of callbacks) callback();
  }
}

export function dataPathWriter(socket: Socket): DataPathWriter {
  return binding !== null && handleOf(socket) !== null ? new HandleWriter(socket, binding) : new StreamWriter(socket);
}

/** Where a handle's reads go (readOnHandle); it may return the buffer for the next read. */
export interface HandleReader {
  onHandleRead(bytes: number): Buffer | undefined;
}

type OnRead = (bytes: number) => Buffer | undefined;

const READER = Symbol('pgtopo handle reader');
const SOCKET = Symbol('pgtopo handle socket');
const VIA_NET = Symbol('pgtopo net onread');

interface ReadingHandle extends StreamHandle {
  [READER]: HandleReader;
  [SOCKET]: Socket;
  [VIA_NET]: StreamHandle['onread'];
}

/** One function for every handle (not a closure each: idle clients are kept by the thousand). */
function onHandleRead(this: StreamHandle, arrayBuffer: ArrayBuffer | undefined): unknown {
  const handle = this as ReadingHandle;
  const bytes = (binding as StreamBinding).streamBaseState[(binding as StreamBinding).kReadBytesOrError];
  if (bytes > 0 && !handle[SOCKET].destroyed) return handle[READER].onHandleRead(bytes);
  return handle[VIA_NET].call(this, arrayBuffer);
}

/**
 * Makes the handle of `socket` (created with net's `onread` option, so the kernel reads into a buffer the
 * proxy owns) hand each read's byte count straight to `reader`, which may return the buffer for the next read.
 * End of stream and errors still go through net.Socket. Returns false when the socket cannot read this way; its
 * `onread` callback then keeps doing the work.
 */
export function readOnHandle(socket: Socket, reader: HandleReader | OnRead): boolean {
  const handle = handleOf(socket) as ReadingHandle | null;
  if (handle === null || binding === null) return false;
  handle[READER] = typeof reader === 'function' ? { onHandleRead: reader } : reader;
  handle[SOCKET] = socket;
  handle[VIA_NET] = handle.onread;
  handle.onread = onHandleRead;
  return true;
}
