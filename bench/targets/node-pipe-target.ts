// The Node.js floor as a target: bench/node-pipe-floor.ts, a bare byte pipe built on the proxy's socket I/O that
// gives every client its own connection to the primary. Measured in the same rounds as the proxy and PgBouncer,
// its CPU per transaction is what any proxy on Node's event loop pays before doing any work of its own.
import { join, resolve } from 'node:path';
import { allocateFreePort, LOOPBACK_HOST } from '../../providers/local/free-port.ts';
import { startDaemon } from '../daemon-process.ts';
import { PROXY_NODE_FLAGS } from '../../proxy/young-generation.ts';
import type { BenchTarget, RunningTarget, TargetContext } from './bench-target.ts';

const PIPE_SCRIPT = resolve(import.meta.dirname, '..', 'node-pipe-floor.ts');

async function start(context: TargetContext): Promise<RunningTarget> {
  const { primary } = context.cluster;
  const port = await allocateFreePort();
  const daemon = await startDaemon({
    label: 'Node.js byte pipe',
    command: process.execPath,
    // The proxy's own node flags, so the two differ only in what the proxy does with the bytes.
    args: [...PROXY_NODE_FLAGS, PIPE_SCRIPT, String(port), primary.host, String(primary.port)],
    cwd: context.workDir,
    logFile: join(context.workDir, 'node-pipe.log'),
    host: LOOPBACK_HOST,
    port,
    stopSignal: 'SIGTERM',
  });
  return { host: LOOPBACK_HOST, port, proxyPids: () => [daemon.pid], logTail: daemon.logTail, stop: daemon.stop };
}

export function nodePipeTarget(): BenchTarget {
  return {
    name: 'node-pipe',
    label: 'Node.js byte pipe (the floor)',
    unavailableReason: () => undefined,
    settings: () => ({ pooling: 'none: one server connection per client' }),
    version: () => process.version,
    start,
    // With -C, PostgreSQL does the login a proxy would: the pipe's CPU per connection is no floor of a proxy's.
    workloads: ['select-simple', 'select-extended', 'tpcb'],
  };
}
