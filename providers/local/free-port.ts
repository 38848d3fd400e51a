// TCP port allocation on the loopback interface for local PostgreSQL instances and proxies.
import { createServer } from 'node:net';

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

function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolvePort(bound));
    });
  });
}

/** A port the kernel just handed out as free on `host`. Another process could still take it before we bind. */
export function allocateFreePort(host = LOOPBACK_HOST): Promise<number> {
  return listenOnce(0, host);
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

/** Throws PortTakenError when `port` is taken. */
export async function assertPortFree(port: number, host = LOOPBACK_HOST, purpose?: string): Promise<void> {
  if (!(await isPortFree(port, host))) throw new PortTakenError(port, host, purpose);
}
