// The elastic-ip driver on the real SDK stack, not a mocked `send`: its clients, pointed by AWS_ENDPOINT_URL at a
// loopback server that speaks EC2's query protocol, ride out throttling of the associate call with back-off —
// more throttled answers than the SDK's default three attempts would survive.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAwsVipDriver } from '../../../../proxy/watchdog/vip/aws-vip-driver.ts';
import { InstanceMetadata } from '../../../../proxy/watchdog/vip/instance-identity.ts';
import { FakeImds } from '../../../support/fake-imds.ts';
import { SELF } from './aws-vip-fixture.ts';

const EC2 = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
const THROTTLED = '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>';

let server: Server;
let imds: FakeImds;
let throttled = 0;
const requests: string[] = [];
const saved = { ...process.env };

function answer(action: string): { status: number; body: string } {
  if (action === 'AssociateAddress' && throttled > 0) {
    throttled -= 1;
    return { status: 503, body: THROTTLED };
  }
  if (action === 'AssociateAddress') {
    return { status: 200, body: `<AssociateAddressResponse ${EC2}><requestId>1</requestId><associationId>eipassoc-1</associationId></AssociateAddressResponse>` };
  }
  return {
    status: 200,
    body: `<DescribeAddressesResponse ${EC2}><requestId>1</requestId><addressesSet><item><allocationId>eipalloc-1</allocationId>` +
      '<publicIp>203.0.113.7</publicIp><domain>vpc</domain></item></addressesSet></DescribeAddressesResponse>',
  };
}

beforeAll(async () => {
  imds = await FakeImds.start(SELF);
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? '';
      requests.push(action);
      const { status, body: text } = answer(action);
      response.statusCode = status;
      response.setHeader('content-type', 'text/xml');
      response.end(text);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, AWS_ACCESS_KEY_ID: 'AKIDUMMY', AWS_SECRET_ACCESS_KEY: 'dummy',
    AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  });
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = saved;
  server.close();
  await Promise.all([once(server, 'close'), imds.stop()]);
});

describe('the elastic-ip driver on the real SDK stack', () => {
  it('retries a throttled AssociateAddress with back-off until EC2 answers', async () => {
    throttled = 3;
    const { driver, close } = await openAwsVipDriver({ type: 'elastic-ip', allocationId: 'eipalloc-1' }, AbortSignal.timeout(20_000),
      { metadata: new InstanceMetadata({ endpoint: imds.endpoint }) });
    try {
      await driver.acquire(AbortSignal.timeout(20_000));
    } finally {
      close();
    }
    expect(requests).toEqual(['DescribeAddresses', 'AssociateAddress', 'AssociateAddress', 'AssociateAddress', 'AssociateAddress']);
  });
});
