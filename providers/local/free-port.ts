// Port allocation on the loopback interface for local PostgreSQL instances and proxies (TCP) and the watchdog's
// heartbeats (UDP).
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { reservePort } from './port-reservations.ts';

export const LOOPBACK_HOST = '127.0.0.1';

export class PortTakenError extends Error {
  readonly port: number;
  readonly host: string;
  constructor(port: number, host: string, purpose?: string) {
    super(portTakenMessage(port, host, purpose));
    this.name = 'PortTakenError';
    this.port = port;
    this.host = host;
  }
}

/** The user-facing explanation for a port that something else already listens on. */
export function portTakenMessage(port: number, host = LOOPBACK_HOST, purpose?: string): string {
  const forWhat = purpose ? ` (wanted for ${purpose})` : '';
  return (
    `Port ${port} on ${host}${forWhat} is already in use by another process. ` +
    `Stop that process (find it with \`ss -ltnp 'sport = :${port}'\`) or choose a different port.`
  );
}

function listenOnce(port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolveListen()));
  });
}

/** Whether nothing listens on `port` at `host` right now. */
export async function isPortFree(port: number, host = LOOPBACK_HOST): Promise<boolean> {
  try {
    await listenOnce(port, host);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
    throw error;
  }
}

/** Whether nothing is bound to UDP `port` at `host` right now. */
export function isUdpPortFree(port: number, host = LOOPBACK_HOST): Promise<boolean> {
  return new Promise((resolveFree, reject) => {
    const socket = createSocket('udp4');
    socket.unref();
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      if (error.code === 'EADDRINUSE') resolveFree(false);
      else reject(error);
    });
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolveFree(true)));
  });
}

/** Throws PortTakenError when `port` is taken. */
export async function assertPortFree(port: number, host = LOOPBACK_HOST, purpose?: string): Promise<void> {
  if (!(await isPortFree(port, host))) throw new PortTakenError(port, host, purpose);
}

// Below Linux's default ephemeral range (32768–60999), so no outgoing connection is handed a port of the range.
// 30000–32767 is left to ports people declare: nothing pgtopo draws lands there.
export const DRAWN_PORTS = { from: 20_000, to: 29_999 };
/** Where declared ports belong: never drawn, below the ephemeral range. */
export const DECLARABLE_PORTS = { from: 30_000, to: 32_767 };

/**
 * A port free on `host` right now, below the ephemeral range: a port the kernel hands out (port 0) may be given to
 * any outgoing connection before the PostgreSQL or proxy process it was meant for binds it, which then fails to
 * start. Another process could still take this one, but nothing is handed it by chance.
 */
export function allocateFreePort(host = LOOPBACK_HOST): Promise<number> {
  return allocateFreePortRange(1, host);
}

/**
 * Ports the topology declares (a proxy's `port`, an instance's): free now, maybe, but taken once their process
 * starts, so a port drawn for something else in the same apply (an instance without a declared port, the watchdog's
 * heartbeats) must not be one of them, or one of the two fails to start. Set by the local provider's configure.
 */
let declared: ReadonlySet<number> = new Set();

export function declarePorts(ports: Iterable<number>): void {
  declared = new Set(ports);
}

export function isDeclaredPort(port: number): boolean {
  return declared.has(port);
}

/**
 * The first of `count` consecutive ports that are free on `host` right now: for a base port declared for several
 * local processes (proxies listen on port, port+1, …).
 */
export async function allocateFreePortRange(
  count: number, host = LOOPBACK_HOST, isFree: (port: number, host: string) => Promise<boolean> = isPortFree,
  within: { from: number; to: number } = DRAWN_PORTS,
): Promise<number> {
  const [floor, ceiling] = [within.from, within.to + 1];
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = floor + Math.floor(Math.random() * (ceiling - floor - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if (ports.some(isDeclaredPort)) continue;
    // Reserved before the checks: allocations run concurrently, here and in other processes.
    if (!ports.every(reservePort)) continue;
    if ((await Promise.all(ports.map((port) => isFree(port, host)))).every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found on ${host} between ${floor} and ${ceiling}`);
}
