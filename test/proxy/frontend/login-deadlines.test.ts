// Login deadlines (proxy/frontend/login-deadlines.ts) on real loopback transports, as the proxy's listener accepts
// them: a login still in progress at its deadline is closed, not before; one that ended is left alone; a late
// login outlives an early one's sweep; the client sees its connection closed.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientTransport } from '../../../proxy/io/client-transport.ts';
import { acceptTransports } from '../../../proxy/io/transport-accept.ts';
import { LoginDeadlines } from '../../../proxy/frontend/login-deadlines.ts';

const TIMEOUT_MS = 300;
const servers: Server[] = [];
const clients: Socket[] = [];
const deadlineSets: LoginDeadlines[] = [];

afterEach(async () => {
  for (const deadlines of deadlineSets.splice(0)) deadlines.stop();
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

async function listener(): Promise<{ next: () => Promise<{ transport: ClientTransport; client: Socket }> }> {
  const server = createServer();
  servers.push(server);
  const waiting: ((transport: ClientTransport) => void)[] = [];
  acceptTransports(server, (transport) => waiting.shift()?.(transport));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    next: async () => {
      const accepted = new Promise<ClientTransport>((resolve) => waiting.push(resolve));
      const client = connect({ host: '127.0.0.1', port }).on('error', () => undefined);
      clients.push(client);
      return { transport: await accepted, client };
    },
  };
}

function closedByProxy(client: Socket): Promise<number> {
  return new Promise((resolve) => client.once('close', () => resolve(Date.now())));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('login deadlines', () => {
  it('closes a login still in progress at its deadline, not before, and the client sees the close', async () => {
    const { next } = await listener();
    const deadlines = new LoginDeadlines(TIMEOUT_MS);
    deadlineSets.push(deadlines);
    const { transport, client } = await next();
    const began = Date.now();
    deadlines.begin(transport);
    const closedAt = await closedByProxy(client);
    expect(transport.destroyed).toBe(true);
    expect(closedAt - began).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(deadlines.pending).toBe(0);
  });

  it('leaves a login that ended before its deadline alone', async () => {
    const { next } = await listener();
    const deadlines = new LoginDeadlines(TIMEOUT_MS);
    deadlineSets.push(deadlines);
    const { transport } = await next();
    deadlines.begin(transport);
    deadlines.end(transport);
    await sleep(TIMEOUT_MS * 2);
    expect(transport.destroyed).toBe(false);
    transport.destroy();
  });

  it('closes the early login at its deadline and a later one only at its own', async () => {
    const { next } = await listener();
    const deadlines = new LoginDeadlines(TIMEOUT_MS);
    deadlineSets.push(deadlines);
    const early = await next();
    deadlines.begin(early.transport);
    await sleep(TIMEOUT_MS / 2);
    const late = await next();
    const lateBegan = Date.now();
    deadlines.begin(late.transport);
    await closedByProxy(early.client);
    expect(late.transport.destroyed).toBe(false);
    const lateClosedAt = await closedByProxy(late.client);
    expect(lateClosedAt - lateBegan).toBeGreaterThanOrEqual(TIMEOUT_MS);
  });

  it('starts sweeping again for a login that begins after the timer stopped', async () => {
    const { next } = await listener();
    const deadlines = new LoginDeadlines(TIMEOUT_MS);
    deadlineSets.push(deadlines);
    const first = await next();
    deadlines.begin(first.transport);
    deadlines.end(first.transport);
    await sleep(TIMEOUT_MS); // a sweep found nothing pending and stopped the timer
    const second = await next();
    deadlines.begin(second.transport);
    await closedByProxy(second.client);
    expect(second.transport.destroyed).toBe(true);
  });
});
