// The cost floor of a Node.js proxy on this machine: a bare byte pipe that gives every client its own connection
// to PostgreSQL and copies bytes both ways with the builtin proxy's socket I/O (proxy/io/handle-io.ts) and
// nothing else: no pooling, no protocol, no routing. What it costs per transaction is what any proxy built on
// Node's event loop pays before doing any work, to set beside PgBouncer's whole cost. Not part of `npm run bench`.
//
//   node bench/node-pipe-floor.ts <listen-port> <postgres-host> <postgres-port>
//   pgbench -n -S -c 16 -j 2 -T 5 -h 127.0.0.1 -p <listen-port> ...   (compare /proc/<pid>/stat CPU per transaction)
import { connect, createServer, type Socket } from 'node:net';
import { adoptForDataPath } from '../proxy/frontend/data-path-socket.ts';
import { dataPathWriter, readOnHandle, type DataPathWriter } from '../proxy/io/handle-io.ts';
import { READ_BUFFER_SIZE } from '../proxy/io/read-buffers.ts';

/** Copies what `from` reads into `to`, pausing `from` while `to` cannot take more. */
function pipeReads(from: Socket, buffer: Buffer, to: DataPathWriter): void {
  readOnHandle(from, (bytes) => {
    if (to.write(buffer.subarray(0, bytes))) return undefined;
    from.pause();
    to.onDrain(() => from.resume());
    return Buffer.allocUnsafe(READ_BUFFER_SIZE); // the write in flight still points into the old buffer
  });
}

function serve(accepted: Socket, host: string, port: number): void {
  const serverBuffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  const server = connect({ host, port, noDelay: true, onread: { buffer: serverBuffer, callback: () => true } });
  const clientBuffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  const client = adoptForDataPath(accepted, { readBuffer: () => clientBuffer, onRead: () => undefined });
  client.setNoDelay(true);
  client.pause(); // nothing can be written to the server before it is connected
  server.once('connect', () => {
    pipeReads(server, serverBuffer, dataPathWriter(client));
    pipeReads(client, clientBuffer, dataPathWriter(server));
    client.resume();
  });
  for (const [socket, other] of [[client, server], [server, client]]) {
    socket.on('error', () => other.destroy());
    socket.on('close', () => other.destroy());
  }
}

const [listenPort, host, port] = process.argv.slice(2);
if (!listenPort || !host || !port) {
  console.error('usage: node bench/node-pipe-floor.ts <listen-port> <postgres-host> <postgres-port>');
  process.exit(2);
}
createServer((socket) => serve(socket, host, Number(port))).listen(Number(listenPort), '127.0.0.1');
