// Where a backend's host name points now. A managed database moves its writer by changing a DNS record (Aurora's
// cluster endpoint, an RDS instance after a Multi-AZ failover), so an answer is kept no longer than the record's
// TTL: the resolver asks the DNS servers itself (getaddrinfo reports no TTL). Names those servers do not know
// (/etc/hosts entries, `localhost`) go through the system lookup and are not kept at all; literals are used as given.
import { isIP } from 'node:net';
import { lookup, Resolver } from 'node:dns/promises';

/** The addresses a host name has now. */
export interface HostAnswer {
  readonly addresses: readonly string[];
  /** Until when (ms since the epoch) the answer may be used; Infinity for a literal address. */
  readonly expiresAt: number;
  /** From DNS with a TTL (worth re-checking when it runs out), not from a literal or the system lookup. */
  readonly fromDns: boolean;
}

/** A DNS server that does not answer within this (per try, two tries) leaves the name to the system lookup. */
const DNS_TIMEOUT_MS = 1000;
const DNS_TRIES = 2;

function dnsResolver(servers: readonly string[]): Resolver {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: DNS_TRIES });
  if (servers.length > 0) resolver.setServers([...servers]);
  return resolver;
}

/** Why `servers` cannot be used (the message of Resolver#setServers), or null when they can. */
export function dnsServersProblem(servers: readonly string[]): string | null {
  try {
    dnsResolver(servers);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export class BackendAddressResolver {
  #servers: readonly string[];
  #resolver: Resolver;
  readonly #answers = new Map<string, HostAnswer>();
  /** Questions on their way, so concurrent connects to one name ask once. */
  readonly #asking = new Map<string, Promise<HostAnswer>>();
  /** Rotates over a name's addresses (a reader endpoint's round robin) for successive connections. */
  #turn = 0;

  /** `servers`: the DNS servers to ask (`address` or `address:port`); empty: the system's. */
  constructor(servers: readonly string[]) {
    this.#servers = servers;
    this.#resolver = dnsResolver(servers);
  }

  /** A reload with other DNS servers: what the old ones said is forgotten. */
  useServers(servers: readonly string[]): void {
    if (servers.length === this.#servers.length && servers.every((server, i) => server === this.#servers[i])) return;
    this.#servers = servers;
    this.#resolver = dnsResolver(servers);
    this.#answers.clear();
  }

  /** The address a new connection to `host` goes to: from an unexpired answer, else from a fresh one. */
  async address(host: string): Promise<string> {
    const kept = this.#answers.get(host);
    const answer = kept !== undefined && kept.expiresAt > Date.now() ? kept : await this.refresh(host);
    return answer.addresses[this.#turn++ % answer.addresses.length];
  }

  /** The last answer for `host`, expired or not (undefined before the first). */
  lastAnswer(host: string): HostAnswer | undefined {
    return this.#answers.get(host);
  }

  /** Asks again whatever the TTL says (the writer turned read-only: the record may have moved early). */
  refresh(host: string): Promise<HostAnswer> {
    let asking = this.#asking.get(host);
    if (asking === undefined) {
      asking = this.#ask(host).finally(() => this.#asking.delete(host));
      this.#asking.set(host, asking);
    }
    return asking;
  }

  async #ask(host: string): Promise<HostAnswer> {
    const answer = isIP(host) !== 0 ? { addresses: [host], expiresAt: Infinity, fromDns: false } : await this.#resolve(host);
    this.#answers.set(host, answer);
    return answer;
  }

  async #resolve(host: string): Promise<HostAnswer> {
    const asked = Date.now();
    let dnsError: Error;
    try {
      const records = await this.#resolver.resolve4(host, { ttl: true });
      if (records.length > 0) {
        const ttl = Math.min(...records.map((record) => record.ttl));
        return { addresses: records.map((record) => record.address), expiresAt: asked + ttl * 1000, fromDns: true };
      }
      dnsError = new Error('no A record');
    } catch (error) {
      dnsError = error as Error;
    }
    try {
      const found = await lookup(host, { all: true });
      return { addresses: found.map((entry) => entry.address), expiresAt: 0, fromDns: false };
    } catch (error) {
      throw new Error(`cannot resolve ${host}: DNS says ${errorCode(dnsError)}, the system lookup ${errorCode(error as Error)}`);
    }
  }
}

function errorCode(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.message;
}
