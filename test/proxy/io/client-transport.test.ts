// Client transports (proxy/io/tcp-transport.ts, socket-transport.ts) on real loopback sockets, as the proxy's
// listener accepts them (transport-accept.ts): the login's chunks, the data path's reads into the reader's buffer, a
// write the kernel cannot take at once, end() after the last write, the client leaving, and the hand-over to
// TLS. Run once on the libuv handle and once with PGTOPO_PROXY_IO=stream (every client a SocketTransport).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createSecureContext } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientTransport } from '../../../proxy/io/client-transport.ts';
import { makeTestCertificates, type TestCertificates } from '../../support/test-tls.ts';

type Accept = typeof import('../../../proxy/io/transport-accept.ts');

async function loadAccept(mode: 'handle' | 'stream'): Promise<Accept> {
  vi.resetModules();
  vi.stubEnv('PGTOPO_PROXY_IO', mode === 'stream' ? 'stream' : '');
  return import('../../../proxy/io/transport-accept.ts');
}

interface Pair {
  server: Server;
  client: Socket;
  transport: ClientTransport;
}

const open: Pair[] = [];
let certsDir: string;
let certs: TestCertificates;

beforeAll(() => {
  certsDir = mkdtempSync(join(tmpdir(), 'pgtopo-transport-tls-'));
  certs = makeTestCertificates(certsDir);
});
afterAll(() => rmSync(certsDir, { recursive: true, force: true }));

async function transportPair(mode: 'handle' | 'stream'): Promise<Pair> {
  const { acceptTransports } = await loadAccept(mode);
  const server = createServer();
  let accepted!: (transport: ClientTransport) => void;
  const ready = new Promise<ClientTransport>((resolve) => (accepted = resolve));
  acceptTransports(server, accepted);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = connect({ host: '127.0.0.1', port: (server.address() as { port: number }).port });
  client.on('error', () => undefined);
  const pair = { server, client, transport: await ready };
  open.push(pair);
  return pair;
}

/** Two clients of one listener, so their transports come from the same module (and share its write request). */
async function twoTransports(mode: 'handle' | 'stream'): Promise<{ clients: Socket[]; transports: ClientTransport[] }> {
  const { acceptTransports } = await loadAccept(mode);
  const server = createServer();
  let next: ((transport: ClientTransport) => void) | null = null;
  acceptTransports(server, (transport) => next?.(transport));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clients: Socket[] = [];
  const transports: ClientTransport[] = [];
  for (let i = 0; i < 2; i++) { // one after the other, so that transports[i] is clients[i]'s
    const accepted = new Promise<ClientTransport>((resolve) => (next = resolve));
    clients.push(connect({ host: '127.0.0.1', port: (server.address() as { port: number }).port }).on('error', () => undefined));
    transports.push(await accepted);
    open.push({ server, client: clients[i]!, transport: transports[i]! });
  }
  return { clients, transports };
}

async function eventuallyHas(chunks: Buffer[][], bytes: number): Promise<void> {
  for (let waited = 0; chunks.some((list) => list.reduce((sum, chunk) => sum + chunk.length, 0) < bytes); waited += 10) {
    if (waited > 10_000) throw new Error('the transports did not deliver every byte in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function numbered(bytes: number, seed: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) buffer.writeUInt32BE((i * 7 + seed) >>> 0, i);
  return buffer;
}

function received(socket: Socket, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  return new Promise((resolve) => {
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      if (length < bytes) return;
      socket.off('data', onData);
      resolve(Buffer.concat(chunks));
    };
    socket.on('data', onData);
  });
}

function closed(transport: ClientTransport): Promise<void> {
  return new Promise((resolve) => {
    if (transport.destroyed) setTimeout(resolve, 50);
    // The callback is told which transport closed (one function serves them all): another would never resolve.
    transport.onClose((which) => {
      if (which === transport) resolve();
    });
  });
}

afterEach(async () => {
  vi.unstubAllEnvs();
  const pairs = open.splice(0);
  for (const { client, transport } of pairs) {
    client.destroy();
    transport.destroy();
  }
  // After every connection is gone: net.Server's close waits for the connections it counts (the stream path's).
  for (const server of new Set(pairs.map((pair) => pair.server))) await new Promise((resolve) => server.close(resolve));
});

describe.each(['handle', 'stream'] as const)('client transport (%s)', (mode) => {
  it('is a TcpTransport only on the handle path', async () => {
    const { transport } = await transportPair(mode);
    expect(transport.constructor.name).toBe(mode === 'handle' ? 'TcpTransport' : 'SocketTransport');
    expect(transport.remoteAddress).toBe('127.0.0.1');
  });

  it('delivers login chunks to the subscriber, then data-path reads into the reader buffer, in order', async () => {
    const { client, transport } = await transportPair(mode);
    const login: Buffer[] = [];
    const stop = transport.subscribe((chunk) => login.push(Buffer.from(chunk)), () => undefined);
    client.write('startup');
    await vi.waitFor(() => expect(Buffer.concat(login).toString()).toBe('startup'));
    stop();
    const buffer = Buffer.alloc(16);
    const data: Buffer[] = [];
    transport.readInto({
      readBuffer: () => buffer,
      onTransportRead: (bytes) => void data.push(Buffer.from(buffer.subarray(0, bytes))),
      onTransportData: (chunk) => void data.push(Buffer.from(chunk)),
    });
    const payload = Buffer.alloc(100_000, 7).fill('abcdefghij');
    client.write(payload);
    await vi.waitFor(() => expect(Buffer.concat(data).length).toBe(payload.length));
    expect(Buffer.concat(data).equals(payload)).toBe(true);
  });

  it('keeps each login\'s chunks its own, though their reads land in one shared buffer', async () => {
    const { clients, transports } = await twoTransports(mode);
    const got: Buffer[][] = [[], []];
    transports.forEach((transport, i) => transport.subscribe((chunk) => got[i]!.push(chunk), () => undefined));
    const sent = [numbered(40_000, 1), numbered(40_000, 2)];
    for (let offset = 0; offset < 40_000; offset += 1000) { // interleaved, so reads of both alternate
      for (let i = 0; i < 2; i++) clients[i]!.write(sent[i]!.subarray(offset, offset + 1000));
    }
    await eventuallyHas(got, 40_000);
    for (let i = 0; i < 2; i++) expect(Buffer.concat(got[i]!).equals(sent[i]!)).toBe(true);
  });

  it('keeps a write the kernel could not take whole, reports it busy, and drains it intact', async () => {
    const { client, transport } = await transportPair(mode);
    client.pause();
    const big = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32BE(i, i);
    expect(transport.write(big)).toBe(false);
    expect(transport.busy).toBe(true);
    const drained = new Promise<void>((resolve) => transport.onDrain(resolve));
    const all = received(client, big.length);
    client.resume();
    await drained;
    expect(transport.busy).toBe(false);
    expect((await all).equals(big)).toBe(true);
  });

  it('keeps two transports\' bytes apart while both have writes in flight and small ones go out at once between', async () => {
    const { clients, transports } = await twoTransports(mode);
    for (const client of clients) client.pause();
    const sent: Buffer[][] = [[], []];
    const write = (index: number, data: Buffer): boolean => {
      sent[index]!.push(data);
      return transports[index]!.write(data);
    };
    write(0, numbered(64, 1));
    expect(write(0, numbered(8 * 1024 * 1024, 2))).toBe(false);
    write(1, numbered(64, 3));
    write(1, numbered(100, 4));
    expect(write(1, numbered(8 * 1024 * 1024, 5))).toBe(false);
    write(0, numbered(64, 6));
    write(1, numbered(64, 7));
    expect(transports.every((transport) => transport.busy)).toBe(true);
    const expected = sent.map((pieces) => Buffer.concat(pieces));
    const got = await Promise.all(clients.map((client, i) => {
      const all = received(client, expected[i]!.length);
      client.resume();
      return all;
    }));
    got.forEach((bytes, i) => expect(bytes.equals(expected[i]!), `client ${i}`).toBe(true));
  });

  it('end() sends the last bytes after those in flight, then the end of stream, and closes when the client goes', async () => {
    const { client, transport } = await transportPair(mode);
    transport.subscribe(() => undefined, () => undefined);
    client.pause();
    const body = Buffer.alloc(4 * 1024 * 1024, 1);
    transport.write(body);
    transport.end(Buffer.from('last'));
    expect(transport.writable).toBe(false);
    const all = received(client, body.length + 4);
    const ended = new Promise<void>((resolve) => client.once('end', resolve));
    client.resume();
    const bytes = await all;
    expect(bytes.subarray(body.length).toString()).toBe('last');
    await ended;
    const gone = closed(transport);
    client.end();
    await gone;
    expect(transport.destroyed).toBe(true);
  });

  it('tells the login subscriber and the close callbacks when the client leaves', async () => {
    const { client, transport } = await transportPair(mode);
    let ends = 0;
    transport.subscribe(() => undefined, () => void ends++);
    const gone = closed(transport);
    client.end();
    await gone;
    expect(ends).toBeGreaterThanOrEqual(1);
    expect(transport.destroyed).toBe(true);
    expect(transport.write(Buffer.from('late'))).toBe(true); // dropped, never thrown
  });

  it('hands the connection to TLS, which reads and writes it', async () => {
    const { client, transport } = await transportPair(mode);
    const secured = transport.startTls(createSecureContext({ cert: readFileSync(certs.certFile), key: readFileSync(certs.keyFile) }));
    secured.on('data', (chunk: Buffer) => secured.write(chunk));
    secured.on('error', () => undefined);
    const tlsClient = tlsConnect({ socket: client, ca: readFileSync(certs.caFile), servername: 'localhost' });
    tlsClient.on('error', () => undefined);
    await new Promise<void>((resolve) => tlsClient.once('secureConnect', () => resolve()));
    const echoed = received(tlsClient, 4);
    tlsClient.write('ping');
    expect((await echoed).toString()).toBe('ping');
    transport.destroy(); // a login timeout after the hand-over closes the TLS socket it went to
    await new Promise<void>((resolve) => (secured.destroyed ? resolve() : secured.once('close', () => resolve())));
    expect(secured.destroyed).toBe(true);
  });
});
