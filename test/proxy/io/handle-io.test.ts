// The data path's socket I/O (proxy/io/handle-io.ts) on real loopback sockets: bytes arrive whole and in order
// when the kernel cannot take a write at once, when the stream API and the handle writer are mixed, and when the
// reader hands a new buffer to the next read. Run once on the libuv handle and once with PGTOPO_PROXY_IO=stream.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';

type HandleIo = typeof import('../../../proxy/io/handle-io.ts');

async function loadHandleIo(mode: 'handle' | 'stream'): Promise<HandleIo> {
  vi.resetModules();
  if (mode === 'stream') vi.stubEnv('PGTOPO_PROXY_IO', 'stream');
  else vi.stubEnv('PGTOPO_PROXY_IO', '');
  return import('../../../proxy/io/handle-io.ts');
}

interface Pair {
  server: Server;
  sender: Socket;
  receiver: Socket;
}

const open: Pair[] = [];

async function socketPair(senderOptions: object = {}): Promise<Pair> {
  let accepted!: (socket: Socket) => void;
  const receiverReady = new Promise<Socket>((resolve) => (accepted = resolve));
  const server = createServer((socket) => accepted(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const sender = connect({ ...senderOptions, host: '127.0.0.1', port } as never);
  await new Promise<void>((resolve) => sender.once('connect', resolve));
  const pair = { server, sender, receiver: await receiverReady };
  open.push(pair);
  return pair;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const { server, sender, receiver } of open.splice(0)) {
    sender.destroy();
    receiver.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

function pattern(length: number, seed: number): Buffer {
  const data = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) data[i] = (i * 31 + seed) & 0xff;
  return data;
}

function collect(socket: Socket, total: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= total) resolve(Buffer.concat(chunks));
    });
  });
}

describe.each(['handle', 'stream'] as const)('data path writer on the %s path', (mode) => {
  it('delivers writes the kernel cannot take at once, whole and in order, and says when they drained', async () => {
    const { dataPathWriter } = await loadHandleIo(mode);
    const { sender, receiver } = await socketPair();
    receiver.pause();
    const writer = dataPathWriter(sender);
    const pieces = [pattern(100, 1), pattern(8 << 20, 2), pattern(3, 3), pattern(2 << 20, 4)];
    const accepted = pieces.map((piece) => writer.write(piece));
    expect(accepted).toContain(false);
    expect(writer.busy).toBe(true);
    const drained = new Promise<void>((resolve) => writer.onDrain(resolve));
    const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const received = collect(receiver, total);
    receiver.resume();
    expect((await received).equals(Buffer.concat(pieces))).toBe(true);
    await drained;
    expect(writer.busy).toBe(false);
  });

  it('keeps the order of bytes written through the socket stream and through the writer', async () => {
    const { dataPathWriter } = await loadHandleIo(mode);
    const { sender, receiver } = await socketPair();
    receiver.pause();
    const writer = dataPathWriter(sender);
    const pieces = [pattern(4 << 20, 5), pattern(10, 6), pattern(4 << 20, 7), pattern(20, 8), pattern(30, 9)];
    sender.write(pieces[0]); // left queued in the Writable: the writer must not overtake it
    writer.write(pieces[1]);
    sender.write(pieces[2]);
    writer.write(pieces[3]);
    writer.write(pieces[4]);
    const received = collect(receiver, pieces.reduce((sum, piece) => sum + piece.length, 0));
    receiver.resume();
    expect((await received).equals(Buffer.concat(pieces))).toBe(true);
  });
});

describe('reading on the handle', () => {
  it('hands each read to the reader, which may give the next read a new buffer; the end still reaches net', async () => {
    const { readOnHandle } = await loadHandleIo('handle');
    let buffer = Buffer.alloc(16);
    const buffersUsed = new Set<Buffer>();
    const chunks: Buffer[] = [];
    const { sender, receiver } = await socketPair({
      onread: { buffer: () => buffer, callback: () => true },
    });
    const onRead = (bytes: number): Buffer | undefined => {
      buffersUsed.add(buffer);
      chunks.push(Buffer.from(buffer.subarray(0, bytes)));
      buffer = Buffer.alloc(16); // as if a write still pointed into the old one
      return buffer;
    };
    expect(readOnHandle(sender, onRead)).toBe(true);
    const ended = new Promise<void>((resolve) => sender.once('end', resolve));
    const sent = pattern(1000, 10);
    receiver.end(sent);
    await ended;
    expect(Buffer.concat(chunks).equals(sent)).toBe(true);
    expect(buffersUsed.size).toBe(chunks.length);
  });

  it('leaves sockets it cannot read on the handle to net', async () => {
    const { readOnHandle } = await loadHandleIo('stream');
    const { sender } = await socketPair();
    expect(readOnHandle(sender, () => undefined)).toBe(false);
  });
});
