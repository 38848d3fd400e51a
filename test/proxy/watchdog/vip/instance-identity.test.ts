// The IMDSv2 client against a fake metadata service on loopback: token first, token renewal on 401 and near its
// end, refusal of an IMDSv1-only service, and clear errors where no metadata service answers (off EC2).
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InstanceMetadata, InstanceMetadataError, instanceIdentity } from '../../../../proxy/watchdog/vip/instance-identity.ts';
import { FakeImds } from '../../../support/fake-imds.ts';

const INSTANCE = { instanceId: 'i-0abc', region: 'eu-west-1', mac: '0e:12:34:56:78:9a', eniId: 'eni-0def', privateIp: '10.0.1.20' };
let imds: FakeImds;

beforeAll(async () => {
  imds = await FakeImds.start(INSTANCE);
});
afterAll(() => imds.stop());
beforeEach(() => {
  imds.v1Only = false;
  imds.requests.length = 0;
});

describe('instance identity from IMDSv2', () => {
  it('asks for a token first, then reads every field with it', async () => {
    const identity = await instanceIdentity(new InstanceMetadata({ endpoint: imds.endpoint }));
    expect(identity).toEqual(INSTANCE);
    expect(imds.requests[0]).toBe('PUT /latest/api/token');
    expect(imds.requests.slice(1).every((request) => request.startsWith('GET ') && request.endsWith('(token)'))).toBe(true);
    expect(imds.requests.filter((request) => request.startsWith('PUT'))).toHaveLength(1);
  });

  it('gets a new token when IMDS says the old one expired (401), and only then', async () => {
    const metadata = new InstanceMetadata({ endpoint: imds.endpoint });
    expect(await metadata.get('meta-data/instance-id')).toBe('i-0abc');
    imds.expireTokens();
    imds.requests.length = 0;
    expect(await metadata.get('meta-data/placement/region')).toBe('eu-west-1');
    expect(imds.requests).toEqual([
      'GET /latest/meta-data/placement/region (token)', 'PUT /latest/api/token', 'GET /latest/meta-data/placement/region (token)',
    ]);
  });

  it('renews the token before its TTL runs out', async () => {
    let now = 0;
    const metadata = new InstanceMetadata({ endpoint: imds.endpoint, now: () => now });
    await metadata.get('meta-data/mac');
    now += 6 * 3600 * 1000;
    await metadata.get('meta-data/mac');
    expect(imds.requests.filter((request) => request.startsWith('PUT'))).toHaveLength(2);
    expect(imds.requests.some((request) => request.startsWith('GET') && !request.endsWith('(token)'))).toBe(false);
  });

  it('refuses an IMDSv1-only service instead of reading without a token', async () => {
    imds.v1Only = true;
    const failure = instanceIdentity(new InstanceMetadata({ endpoint: imds.endpoint }));
    await expect(failure).rejects.toThrow(InstanceMetadataError);
    await expect(failure).rejects.toThrow(/IMDSv2 only.*HttpTokens=required/);
    expect(imds.requests.filter((request) => request.startsWith('GET'))).toEqual([]);
  });

  it('names the metadata path IMDS has no answer for', async () => {
    await expect(new InstanceMetadata({ endpoint: imds.endpoint }).get('meta-data/nothing-here')).rejects.toThrow(/HTTP 404 for meta-data\/nothing-here/);
  });
});

describe('off EC2', () => {
  it('says no metadata service answers when nothing listens', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, 'close');
    await expect(instanceIdentity(new InstanceMetadata({ endpoint: `http://127.0.0.1:${port}` })))
      .rejects.toThrow(/cannot reach the EC2 instance metadata service .*ECONNREFUSED.*EC2 instances only/);
  });

  it('gives up on a service that accepts but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await expect(new InstanceMetadata({ endpoint, requestTimeoutMs: 100 }).get('meta-data/instance-id'))
        .rejects.toThrow(/no answer within 100 ms/);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
