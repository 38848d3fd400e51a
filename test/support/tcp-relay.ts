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
  /** New connections reach the node `ms` later (a slow path for a connection opened now, such as a CancelRequest's). */
  delayNew(ms: number): void;
  /** Drops every connection it relays now, both ways (a network blip); the listener stays. */
  cut(): void;
  close(): Promise<void>;
}

/** `port` 0: any free port (the relay's `port` says which). */
export async function startTcpRelay(host: string, port: number, target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  const unanswered = new Set<Socket>();
  let stalled = false;
  let delayMs = 0;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  // Half-open both ways, as a direct connection is: a client's FIN (a CancelRequest's end()) goes on to the node,
  // and the client sees the close only when the node closes.
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    track(client);
    if (stalled) {
      unanswered.add(client);
      client.on('error', () => undefined).once('close', () => unanswered.delete(client));
      return;
    }
    client.on('error', () => client.destroy());
    const relay = (): void => {
      if (client.destroyed) return;
      const upstream = connect({ port: target.port, host: target.host, allowHalfOpen: true });
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    };
    if (delayMs > 0) setTimeout(relay, delayMs);
    else relay();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    host,
    port: (server.address() as { port: number }).port,
    delayNew: (ms) => {
      delayMs = ms;
    },
    stall: (on) => {
      stalled = on;
      if (on) return;
      for (const socket of unanswered) socket.destroy();
    },
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
