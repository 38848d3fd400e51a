// Test-side framing over a real TCP socket: turns the byte stream into whole PostgreSQL frames so
// the auth state machines can be driven through runAuth exactly as the proxy will drive them.
import { connect, type Socket } from 'node:net';
import { BackendAuth } from '../../../proxy/auth/backend-auth.ts';
import { runAuth, type AuthStep, type MessageChannel } from '../../../proxy/auth/auth-step.ts';

const PROTOCOL_3 = 196608;

export function startupMessage(params: Record<string, string>): Buffer {
  const pairs = Object.entries(params).flatMap(([key, value]) => [Buffer.from(`${key}\0${value}\0`)]);
  const body = Buffer.concat([...pairs, Buffer.from([0])]);
  const header = Buffer.alloc(8);
  header.writeInt32BE(body.length + 8, 0);
  header.writeInt32BE(PROTOCOL_3, 4);
  return Buffer.concat([header, body]);
}

export interface SocketChannel extends MessageChannel {
  /** The untyped first message a client sends (its parameters), for the server side of a test. */
  readStartup(): Promise<Record<string, string>>;
}

export function socketChannel(socket: Socket): SocketChannel {
  let pending = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  let closed: Error | undefined;
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    waiter?.();
  });
  socket.on('close', () => {
    closed = new Error('socket closed');
    waiter?.();
  });
  socket.on('error', () => undefined);

  async function take(size: (buf: Buffer) => number | undefined): Promise<Buffer> {
    for (;;) {
      const length = size(pending);
      if (length !== undefined && pending.length >= length) {
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        return message;
      }
      if (closed) throw closed;
      await new Promise<void>((resolve) => (waiter = resolve));
      waiter = undefined;
    }
  }

  return {
    send: (messages) => {
      socket.write(Buffer.concat(messages));
    },
    next: () => take((buf) => (buf.length >= 5 ? buf.readInt32BE(1) + 1 : undefined)),
    async readStartup() {
      const message = await take((buf) => (buf.length >= 4 ? buf.readInt32BE(0) : undefined));
      const fields = message.subarray(8).toString('utf8').split('\0');
      const params: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length && fields[i] !== ''; i += 2) params[fields[i]] = fields[i + 1];
      return params;
    },
  };
}

/** Logs in as `user` with the proxy's client side over a fresh connection to 127.0.0.1:`port`; returns the final
 * step and every frame the server sent, in order. */
export async function loginOverSocket(port: number, user: string, password: string | undefined): Promise<{ step: AuthStep; frames: Buffer[] }> {
  const socket = connect(port, '127.0.0.1');
  const channel = socketChannel(socket);
  const frames: Buffer[] = [];
  try {
    socket.write(startupMessage({ user, database: 'postgres' }));
    const step = await runAuth(new BackendAuth({ user, password }), {
      send: channel.send,
      next: async () => {
        const frame = await channel.next();
        frames.push(frame);
        return frame;
      },
    });
    return { step, frames };
  } finally {
    socket.destroy();
  }
}
