// `pgtopo proxy` takes SIGTERM as "stop gracefully" from the moment it runs, not only once it listens: a process
// with no listener for a signal dies of it (Node installs no handler of its own), so a stop that systemd, Kubernetes
// or a test sends while the proxy is still starting would kill it. Here the proxy's start waits on its first health
// check of a backend that accepts connections and never answers; SIGTERM arrives while it waits, and the proxy
// must still come up, stop gracefully and exit 0. With workers too, whose supervisor starts the same way.
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgtopo } from './run-pgtopo.ts';

const HEALTH_TIMEOUT_MS = 1500;
const dir = mkdtempSync(join(tmpdir(), 'pgtopo-start-signals-'));
let silent: Server;
let silentPort: number;
const connected: (() => void)[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket); // accepted and never answered: the health check waits for its timeout
    socket.on('close', () => sockets.delete(socket));
    for (const notify of connected.splice(0)) notify();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function configFile(workers: number): string {
  const file = join(dir, `proxy-${workers}.json`);
  writeFileSync(file, JSON.stringify({
    listen: { host: '127.0.0.1', port: 0 },
    workers,
    backends: [{ name: 'silent', host: '127.0.0.1', port: silentPort }],
    users: [{ name: 'app' }, { name: 'monitor' }],
    hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'trust' }],
    monitor: { user: 'monitor' },
    healthCheck: { periodMs: 60_000, timeoutMs: HEALTH_TIMEOUT_MS, retries: 0 },
  }));
  return file;
}

describe.each([1, 2])('a SIGTERM while the proxy starts (workers: %i)', (workers) => {
  it('is kept until the proxy is up, then stops it gracefully: exit 0, never killed by the signal', async () => {
    const checking = new Promise<void>((resolve) => connected.push(resolve));
    const proxy = startPgtopo(['proxy', '--config', configFile(workers)]);
    await checking; // the first health check is under way: the proxy is inside its start
    expect(proxy.output().stderr).not.toContain('proxy listening');
    proxy.child.kill('SIGTERM');
    const run = await proxy.done;
    expect({ code: run.code, signal: proxy.child.signalCode }, run.stderr).toEqual({ code: 0, signal: null });
    expect(run.stderr).toContain('proxy listening');
    expect(run.stderr).toContain('proxy stopped');
  }, 30_000);
});
