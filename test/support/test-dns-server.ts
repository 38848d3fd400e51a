// A DNS server on a loopback UDP port for tests: answers A queries for the names it is told, with the TTL it is
// told, and NXDOMAIN for every other name. The proxy's resolver is pointed at it with `dns.servers`.
import { createSocket, type RemoteInfo } from 'node:dgram';
import dnsPacket from 'dns-packet';

/** DNS rcode "no such name", the low four bits of the header flags. */
const NXDOMAIN = 3;

interface Record {
  addresses: string[];
  ttl: number;
}

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, as `dns.servers` takes it. */
  readonly server: string;
  /** Serves `name` as `addresses` with `ttl` seconds from now on. */
  set(name: string, addresses: string[], ttl: number): void;
  /** How many A queries for `name` arrived. */
  queries(name: string): number;
  close(): Promise<void>;
}

export async function startTestDnsServer(): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  const records = new Map<string, Record>();
  const asked = new Map<string, number>();
  const answer = (message: Buffer, from: RemoteInfo): void => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const record = question.type === 'A' ? records.get(question.name) : undefined;
    if (question.type === 'A') asked.set(question.name, (asked.get(question.name) ?? 0) + 1);
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (record || question.type !== 'A' ? 0 : NXDOMAIN),
      questions: [question],
      answers: (record?.addresses ?? []).map((data) => ({ type: 'A' as const, name: question.name, ttl: record?.ttl ?? 0, data })),
    });
    socket.send(response, from.port, from.address);
  };
  socket.on('message', answer);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    set: (name, addresses, ttl) => records.set(name, { addresses, ttl }),
    queries: (name) => asked.get(name) ?? 0,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
