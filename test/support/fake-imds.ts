// A stand-in for the EC2 instance metadata service on loopback, speaking enough of IMDSv2 for the VIP drivers:
// PUT /latest/api/token with a TTL header issues a token, GETs need a live one (401 otherwise). `expireTokens`
// makes every issued token stale, as IMDS does when a TTL runs out; `v1Only` answers the token PUT with 403 and
// GETs without a token, as an instance with IMDSv2 switched off would.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeImdsInstance {
  instanceId: string;
  region: string;
  mac: string;
  eniId: string;
  privateIp: string;
}

export class FakeImds {
  readonly requests: string[] = [];
  v1Only = false;
  readonly #instance: FakeImdsInstance;
  readonly #server: Server;
  readonly #live = new Set<string>();
  #issued = 0;

  private constructor(instance: FakeImdsInstance) {
    this.#instance = instance;
    this.#server = createServer((request, response) => {
      const token = request.headers['x-aws-ec2-metadata-token'];
      this.requests.push(`${request.method} ${request.url}${typeof token === 'string' ? ' (token)' : ''}`);
      const { status, body } = this.#answer(request.method ?? '', request.url ?? '', request.headers);
      response.statusCode = status;
      response.end(body);
    });
  }

  static async start(instance: FakeImdsInstance): Promise<FakeImds> {
    const imds = new FakeImds(instance);
    imds.#server.listen(0, '127.0.0.1');
    await once(imds.#server, 'listening');
    return imds;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  expireTokens(): void {
    this.#live.clear();
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
  }

  #answer(method: string, url: string, headers: Record<string, string | string[] | undefined>): { status: number; body: string } {
    if (url === '/latest/api/token') {
      if (method !== 'PUT') return { status: 405, body: '' };
      if (this.v1Only) return { status: 403, body: '' };
      if (!headers['x-aws-ec2-metadata-token-ttl-seconds']) return { status: 400, body: '' };
      const token = `token-${++this.#issued}`;
      this.#live.add(token);
      return { status: 200, body: token };
    }
    const token = headers['x-aws-ec2-metadata-token'];
    if (!this.v1Only && (typeof token !== 'string' || !this.#live.has(token))) return { status: 401, body: '' };
    const value = this.#paths().get(url);
    return value === undefined ? { status: 404, body: '' } : { status: 200, body: value };
  }

  #paths(): Map<string, string> {
    const { instanceId, region, mac, eniId, privateIp } = this.#instance;
    return new Map([
      ['/latest/meta-data/instance-id', instanceId],
      ['/latest/meta-data/placement/region', region],
      ['/latest/meta-data/mac', mac],
      ['/latest/meta-data/local-ipv4', privateIp],
      [`/latest/meta-data/network/interfaces/macs/${mac}/interface-id`, eniId],
    ]);
  }
}
