// What an idle logged-in client costs the builtin proxy (issue 18): a real `pgtopo proxy` process in front of a
// real PostgreSQL, then 1 warm client, then N1, N2, ... idle clients logged in with SCRAM and kept open. Prints,
// per step, the proxy's RSS (and its anonymous part) and its heap + Buffers after a full GC, and the growth per
// client from the warm state. The young generation (V8's new space) is shown apart: logins make garbage, V8 grows
// it up to its maximum (64 MiB with Node 24's defaults) and keeps it committed, empty or not, which is resident
// memory no client retains. The proxy runs with the flags the providers give it (proxy/young-generation.ts, 1 MiB
// semi-spaces); PGTOPO_BENCH_V8_DEFAULTS=1 leaves them out. PGTOPO_BENCH_HEAP_SNAPSHOTS=<dir> also writes a heap
// snapshot per step (compare them in Chrome's DevTools, or with bench/heap-snapshot-diff.ts).
// Not a test. Run: node_modules/.bin/node bench/idle-client-memory.ts [clients per step ...] (default 1000 5000)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startPgCluster } from '../test/support/pg-cluster.ts';
import { PROXY_NODE_FLAGS } from '../proxy/young-generation.ts';

const steps = process.argv.slice(2).map(Number);
if (steps.length === 0) steps.push(1000, 5000);
const repo = join(import.meta.dirname, '..');
const OPEN_AT_ONCE = 50;
const nodeFlags = process.env.PGTOPO_BENCH_V8_DEFAULTS === '1' ? [] : PROXY_NODE_FLAGS;

interface Probe {
  rssKiB: number;
  anonKiB: number;
  heapAndBuffers: number;
  heapTotal: number;
  youngGeneration: number;
  external: number;
}

function startProxyProcess(configPath: string): { child: ChildProcess; stderr: () => string } {
  const child = spawn(join(repo, 'node_modules/.bin/node'), [...nodeFlags, '--expose-gc', '--import', join(repo, 'bench/memory-probe-hook.ts'), join(repo, 'bin/pgtopo'), 'proxy', '--config', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, stderr: () => stderr };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function statusKiB(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? NaN);
}

async function probe(proxy: { child: ChildProcess; stderr: () => string }): Promise<Probe> {
  const seen = proxy.stderr().split('memoryProbe').length;
  proxy.child.kill('SIGUSR2');
  await until(() => proxy.stderr().split('memoryProbe').length > seen, 'the memory probe');
  const line = proxy.stderr().split('\n').filter((l) => l.includes('memoryProbe')).at(-1)!;
  const { memoryProbe: usage, youngGeneration } = JSON.parse(line) as { memoryProbe: NodeJS.MemoryUsage; youngGeneration: number };
  const pid = proxy.child.pid!;
  return { rssKiB: statusKiB(pid, 'VmRSS'), anonKiB: statusKiB(pid, 'RssAnon'), heapAndBuffers: usage.heapUsed + usage.arrayBuffers, heapTotal: usage.heapTotal, youngGeneration, external: usage.external };
}

const cluster = await startPgCluster({ standbys: 0, settings: { max_connections: 100 } });
const config = join(cluster.rootDir, 'proxy.json');
const proxyPort = 0;
writeFileSync(config, JSON.stringify({
  listen: { host: '127.0.0.1', port: proxyPort },
  backends: [{ name: 'primary', host: cluster.primary.host, port: cluster.primary.port, role: 'primary' }],
  users: [{ name: 'postgres', password: cluster.password }],
  hba: [{ type: 'host', database: 'all', user: 'all', address: '127.0.0.1/32', method: 'scram-sha-256' }],
  pool: { mode: 'transaction', size: 4, maxClientConnections: Math.max(...steps) + 10 },
  logLevel: 'info', // 'proxy listening' names the port
}));
const proxy = startProxyProcess(config);
const clients: pg.Client[] = [];
try {
  await until(() => /"port":(\d+)/.test(proxy.stderr()) || proxy.child.exitCode !== null, 'the proxy to listen');
  const port = Number(/"port":(\d+)/.exec(proxy.stderr())?.[1]);
  const open = async (count: number): Promise<void> => {
    for (let done = 0; done < count; done += OPEN_AT_ONCE) {
      const batch = Array.from({ length: Math.min(OPEN_AT_ONCE, count - done) }, () => new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: cluster.password, database: 'postgres' }));
      await Promise.all(batch.map((client) => client.connect()));
      clients.push(...batch);
    }
  };
  await open(1);
  await clients[0]!.query('SELECT 1');
  const warm = await probe(proxy);
  console.log(`proxy pid ${proxy.child.pid}, warm (1 client): RSS ${(warm.rssKiB / 1024).toFixed(1)} MiB (anonymous ${(warm.anonKiB / 1024).toFixed(1)}), heap + Buffers ${(warm.heapAndBuffers / 1048576).toFixed(1)} MiB`);
  console.log('  clients   RSS MiB   per client: RSS / anonymous   heap + Buffers   V8 heap reserved   external   young generation MiB');
  for (const step of steps) {
    await open(step - clients.length);
    await clients[clients.length - 1]!.query('SELECT 1');
    const now = await probe(proxy);
    const added = clients.length - 1;
    const perClient = (kib: number, base: number): string => `${(((kib - base) * 1024) / added).toFixed(0)} B`;
    const perClientBytes = (bytes: number, base: number): string => `${((bytes - base) / added).toFixed(0)} B`;
    console.log(`  ${String(clients.length).padStart(7)}   ${(now.rssKiB / 1024).toFixed(1).padStart(7)}   ${perClient(now.rssKiB, warm.rssKiB).padStart(9)} / ${perClient(now.anonKiB, warm.anonKiB).padStart(9)}   ${perClientBytes(now.heapAndBuffers, warm.heapAndBuffers).padStart(14)}   ${perClientBytes(now.heapTotal, warm.heapTotal).padStart(16)}   ${perClientBytes(now.external, warm.external).padStart(8)}   ${(now.youngGeneration / 1048576).toFixed(0).padStart(6)}`);
  }
} finally {
  await Promise.allSettled(clients.map((client) => client.end()));
  proxy.child.kill('SIGTERM');
  await new Promise((resolve) => proxy.child.once('exit', resolve));
  await cluster.stop();
}
