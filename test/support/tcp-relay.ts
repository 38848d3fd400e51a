// Gives a PostgreSQL node a second address: listens on `host` (another loopback address, 127.0.0.0/8 is all local)
// and relays every connection to the node. The test instances all listen on 127.0.0.1, each on its own port,
// while a DNS name carries only an address: relays on one port of several addresses stand for nodes a managed
// database's endpoint points at in turn. A stalled relay stands for a node too busy to answer: it accepts
// connections and never answers them, so a health check through it times out instead of failing at once.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  readonly host: string;
  readonly port: number;
  /** New connections are accepted and left unanswered (true), or relayed again (false: the unanswered ones are cut). */
  stall(stalled: boolean): void;
  close(): Promise<void>;
}

/** `port` 0: any free port (the relay's `port` says which). */
export async function startTcpRelay(host: string, port: number, target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  const unanswered = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    track(client);
    if (stalled) {
      unanswered.add(client);
      client.on('error', () => undefined).once('close', () => unanswered.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    host,
    port: (server.address() as { port: number }).port,
    stall: (on) => {
      stalled = on;
      if (on) return;
      for (const socket of unanswered) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
