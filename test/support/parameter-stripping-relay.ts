// A relay in front of a PostgreSQL node that removes the ParameterStatus reports it is told to: a PostgreSQL 15 node
// seen through it looks like one before 14, which reports neither in_hot_standby nor default_transaction_read_only.
// Everything else passes unchanged. Client bytes are only watched for an SSLRequest, whose one-byte answer has no
// message header.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { BackendMessage, StartupCode } from '../../proxy/protocol/message-codes.ts';

export interface StrippingRelay {
  readonly port: number;
  close(): Promise<void>;
}

export async function startParameterStrippingRelay(target: { host: string; port: number }, names: readonly string[]): Promise<StrippingRelay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    client.on('error', () => upstream.destroy()).on('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy()).on('close', () => client.destroy());
    const fromServer = serverStream(names, (bytes) => client.write(bytes));
    client.once('data', (first: Buffer) => {
      if (first.length >= 8 && first.readInt32BE(4) === StartupCode.SslRequest) fromServer.expectOneByteAnswer();
      upstream.write(first);
      client.pipe(upstream);
    });
    upstream.on('data', fromServer.receive);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Splits the server's bytes into messages and forwards all but the stripped reports. */
function serverStream(names: readonly string[], forward: (bytes: Buffer) => void): { expectOneByteAnswer(): void; receive(chunk: Buffer): void } {
  let pending = Buffer.alloc(0);
  let oneByteAnswer = false;
  return {
    expectOneByteAnswer: () => (oneByteAnswer = true),
    receive: (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      if (oneByteAnswer && pending.length > 0) {
        oneByteAnswer = false;
        forward(pending.subarray(0, 1));
        pending = pending.subarray(1);
      }
      const kept: Buffer[] = [];
      while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
        const end = 1 + pending.readInt32BE(1);
        const message = pending.subarray(0, end);
        pending = pending.subarray(end);
        if (!(message[0] === BackendMessage.ParameterStatus && names.includes(message.toString('utf8', 5, message.indexOf(0, 5))))) kept.push(message);
      }
      if (kept.length > 0) forward(Buffer.concat(kept));
    },
  };
}
