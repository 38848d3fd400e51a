// Signed watchdog datagrams (proxy/watchdog/message-auth.ts): a forged, tampered, stale or replayed datagram is
// refused, and — through the real UDP transport into a real election — changes nothing: no new term, no vote.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../proxy/log.ts';
import { WatchdogElection } from '../../../proxy/watchdog/election.ts';
import { MessageAuthenticator, type SignedDatagram } from '../../../proxy/watchdog/message-auth.ts';
import type { WatchdogMessage } from '../../../proxy/watchdog/watchdog-message.ts';
import { UdpWatchdogTransport } from '../../../proxy/watchdog/watchdog-transport.ts';
import { TIMING } from './simulated-tier.ts';

const KEY = 'the tier key';
const WINDOW_MS = 3000;
const HIGHER_TERM: WatchdogMessage = { kind: 'heartbeat', from: 1, term: 99, role: 'leader', leader: 1, sentAt: 1, holdsVip: true, ack: null };

function signed(opened: SignedDatagram | string): SignedDatagram {
  expect(typeof opened, String(opened)).toBe('object');
  return opened as SignedDatagram;
}

describe('message authentication', () => {
  it('takes a datagram signed with the key once, and refuses the same datagram again', () => {
    const sender = new MessageAuthenticator(KEY, WINDOW_MS);
    const receiver = new MessageAuthenticator(KEY, WINDOW_MS);
    const datagram = sender.seal(JSON.stringify(HIGHER_TERM));
    const opened = signed(receiver.open(datagram));
    expect(JSON.parse(opened.text)).toEqual(HIGHER_TERM);
    expect(receiver.take(1, opened)).toBeNull();
    expect(receiver.take(1, signed(receiver.open(datagram)))).toBe('replayed');
    // A later datagram of the same sender is taken; an earlier one that arrives after it is not.
    const earlier = sender.seal('{}');
    const later = sender.seal('{}');
    expect(receiver.take(1, signed(receiver.open(later)))).toBeNull();
    expect(receiver.take(1, signed(receiver.open(earlier)))).toBe('replayed');
  });

  it('refuses a datagram signed with another key, tampered with, or not signed at all', () => {
    const receiver = new MessageAuthenticator(KEY, WINDOW_MS);
    const text = JSON.stringify(HIGHER_TERM);
    expect(receiver.open(new MessageAuthenticator('another key', WINDOW_MS).seal(text))).toBe('bad signature');
    const genuine = new MessageAuthenticator(KEY, WINDOW_MS).seal(JSON.stringify({ ...HIGHER_TERM, term: 1 }));
    expect(receiver.open(genuine.replace('"term":1', '"term":9'))).toBe('bad signature');
    expect(receiver.open(genuine.replace(/^\d+ \d+/, (header) => header.replace(/\d+$/, '999')))).toBe('bad signature');
    expect(receiver.open(text)).toBe('malformed');
  });

  it('refuses a datagram sent outside the dead time of its own clock, and takes a restarted sender\'s new boot', () => {
    let wall = 1_000_000;
    const clock = (): number => wall;
    const receiver = new MessageAuthenticator(KEY, WINDOW_MS, clock);
    const sender = new MessageAuthenticator(KEY, WINDOW_MS, clock);
    const old = sender.seal('{}');
    wall += WINDOW_MS + 1;
    expect(receiver.take(1, signed(receiver.open(old)))).toBe('stale');
    expect(receiver.take(1, signed(receiver.open(sender.seal('{}'))))).toBeNull();
    wall += 10;
    const restarted = new MessageAuthenticator(KEY, WINDOW_MS, clock);
    expect(receiver.take(1, signed(receiver.open(restarted.seal('{}'))))).toBeNull();
  });
});

describe('signed datagrams over UDP into an election', () => {
  const sockets: Socket[] = [];
  const transports: UdpWatchdogTransport[] = [];
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    for (const socket of sockets.splice(0)) socket.close();
  });

  async function boundSocket(): Promise<Socket> {
    const socket = createSocket('udp4');
    sockets.push(socket);
    socket.bind(0, '127.0.0.1');
    await once(socket, 'listening');
    return socket;
  }

  /** Member 0: a real transport and election; member 1: a plain socket sending datagrams of the test's making. */
  async function memberZero(): Promise<{
    election: WatchdogElection; taken: WatchdogMessage[]; refused: string[]; send: (datagram: string) => Promise<void>; marker: (term: number) => string;
  }> {
    const peer = await boundSocket();
    const probe = await boundSocket();
    const ownPort = probe.address().port;
    probe.close();
    sockets.splice(sockets.indexOf(probe), 1);
    const members = [
      { name: 'proxy[0]', host: '127.0.0.1', port: ownPort },
      { name: 'proxy[1]', host: '127.0.0.1', port: peer.address().port },
    ];
    const election = new WatchdogElection(members, 0, TIMING, 0, () => undefined);
    const peerKey = new MessageAuthenticator(KEY, WINDOW_MS);
    const taken: WatchdogMessage[] = [];
    const refused: string[] = [];
    const transport = new UdpWatchdogTransport(members, 0, silentLogger, new MessageAuthenticator(KEY, WINDOW_MS));
    transports.push(transport);
    await transport.start((message) => {
      taken.push(message);
      election.receive(message, 1);
    }, (datagram) => refused.push(`${datagram.reason} from ${datagram.from}`));
    const send = (datagram: string): Promise<void> =>
      new Promise<void>((resolve, reject) => peer.send(datagram, ownPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    // A genuine datagram after the others: once it is taken, everything sent before it has arrived (loopback keeps order).
    const marker = (term: number): string => peerKey.seal(JSON.stringify({ ...HIGHER_TERM, term, role: 'follower', leader: null }));
    return { election, taken, refused, send, marker };
  }

  it('a forged, unsigned or replayed heartbeat of a higher term changes nothing; the genuine one is taken once', async () => {
    const { election, taken, refused, send, marker } = await memberZero();
    const text = JSON.stringify(HIGHER_TERM);
    await send(text);
    await send(new MessageAuthenticator('guessed', WINDOW_MS).seal(text));
    expect(election.term).toBe(0);
    const genuine = marker(99);
    await send(genuine);
    await send(genuine);
    await send(marker(100));
    await expect.poll(() => taken.length).toBeGreaterThanOrEqual(2);
    expect(taken.map((message) => message.term)).toEqual([99, 100]);
    expect(election.term).toBe(100);
    expect(refused).toEqual(['malformed from 127.0.0.1', 'bad signature from 127.0.0.1', 'replayed from 127.0.0.1']);
  });

  it('forgeries alone leave the election in term 0', async () => {
    const { election, taken, send, marker } = await memberZero();
    const forged = new MessageAuthenticator('guessed', WINDOW_MS).seal(JSON.stringify(HIGHER_TERM));
    for (let i = 0; i < 5; i++) await send(forged);
    await send(marker(0));
    await expect.poll(() => taken.length).toBe(1);
    expect(election.term).toBe(0);
  });
});
