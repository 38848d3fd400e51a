// Free UDP ports on loopback, for watchdog members' heartbeats: found by binding port 0 and letting go.
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export async function freeUdpPorts(count: number): Promise<number[]> {
  const sockets = await Promise.all(Array.from({ length: count }, async () => {
    const socket = createSocket('udp4');
    socket.bind(0, '127.0.0.1');
    await once(socket, 'listening');
    return socket;
  }));
  const ports = sockets.map((socket) => (socket.address() as AddressInfo).port);
  for (const socket of sockets) socket.close();
  return ports;
}
