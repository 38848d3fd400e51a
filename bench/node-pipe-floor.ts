// The cost floor of a Node.js proxy on this machine: a bare byte pipe that gives every client its own connection
// to PostgreSQL and copies bytes both ways with the builtin proxy's socket I/O (proxy/io/) and
// nothing else: no pooling, no protocol, no routing. What it costs per transaction is what any proxy built on
// Node's event loop pays before doing any work, to set beside PgBouncer's whole cost. `npm run bench` runs it as
// its `node-pipe` target; alone:
//
//   node bench/node-pipe-floor.ts <listen-port> <postgres-host> <postgres-port>
//   pgbench -n -S -c 16 -j 2 -T 5 -h 127.0.0.1 -p <listen-port> ...   (compare /proc/<pid>/stat CPU per transaction)
import { connect, createServer, type Socket } from 'node:net';
import type { ClientTransport } from '../proxy/io/client-transport.ts';
import { dataPathWriter, readOnHandle, type DataPathWriter } from '../proxy/io/handle-io.ts';
import { READ_BUFFER_SIZE } from '../proxy/io/read-buffers.ts';
import { acceptTransports } from '../proxy/io/transport-accept.ts';

/** Copies what `from` reads into `to`, pausing `from` while `to` cannot take more. */
function pipeReads(from: Socket, buffer: Buffer, to: DataPathWriter): void {
  readOnHandle(from, (bytes) => {
    if (to.write(buffer.subarray(0, bytes))) return undefined;
    from.pause();
    to.onDrain(() => from.resume());
    return Buffer.allocUnsafe(READ_BUFFER_SIZE); // the write in flight still points into the old buffer
  });
}

/** The client's reads go to the server as they are, like pipeReads. */
function pipeClientReads(client: ClientTransport, toServer: DataPathWriter): void {
  let buffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  client.readInto({
    readBuffer: () => buffer,
    onTransportRead: (bytes) => {
      if (toServer.write(buffer.subarray(0, bytes))) return undefined;
      client.pause();
      toServer.onDrain(() => client.resume());
      buffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
      return buffer;
    },
    onTransportData: (chunk) => void toServer.write(chunk),
  });
}

function serve(client: ClientTransport, host: string, port: number): void {
  const serverBuffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  const server = connect({ host, port, noDelay: true, onread: { buffer: serverBuffer, callback: () => true } });
  client.pause(); // nothing can be written to the server before it is connected
  server.once('connect', () => {
    pipeReads(server, serverBuffer, client);
    pipeClientReads(client, dataPathWriter(server));
    client.resume();
  });
  server.on('error', () => client.destroy());
  server.on('close', () => client.destroy());
  client.onClose(() => server.destroy());
}

const [listenPort, host, port] = process.argv.slice(2);
if (!listenPort || !host || !port) {
  console.error('usage: node bench/node-pipe-floor.ts <listen-port> <postgres-host> <postgres-port>');
  process.exit(2);
}
const listener = createServer();
acceptTransports(listener, (client) => serve(client, host, Number(port)));
listener.listen(Number(listenPort), '127.0.0.1');
