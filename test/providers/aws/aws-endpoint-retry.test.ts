// The real SDK stack, not the mocked `send`: pointed by AWS_ENDPOINT_URL (no endpoint in pgtopo's code) at a
// loopback server that speaks RDS's query protocol, the provider's clients sign with dummy credentials, retry
// throttling with back-off until AWS answers.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../schemas/topology.ts';
import { configuredAws } from './aws-test-provider.ts';

const CLUSTERS = `<DBClusters><DBCluster>
  <DBClusterIdentifier>analytics</DBClusterIdentifier><Engine>aurora-postgresql</Engine><Status>available</Status><Port>5432</Port>
  <Endpoint>analytics.cluster-x.eu-west-1.rds.amazonaws.com</Endpoint><ReaderEndpoint>analytics.cluster-ro-x.eu-west-1.rds.amazonaws.com</ReaderEndpoint>
  <DBClusterMembers><DBClusterMember><DBInstanceIdentifier>analytics-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember></DBClusterMembers>
</DBCluster></DBClusters>`;

let server: Server;
let throttled = 0;
const requests: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? '';
      requests.push(`${action} ${request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=AKIDUMMY/') ? 'signed' : 'unsigned'}`);
      response.setHeader('content-type', 'text/xml');
      if (throttled > 0) {
        throttled -= 1;
        response.statusCode = 400;
        response.end('<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>');
        return;
      }
      const result = action === 'DescribeDBClusters' ? CLUSTERS : '<DBClusterEndpoints/>';
      response.end(`<${action}Response xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIDUMMY', AWS_SECRET_ACCESS_KEY: 'dummy',
    AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = saved;
  server.close();
  await once(server, 'close');
});
beforeEach(() => {
  requests.length = 0;
});

const analytics: Cluster = { environment: 'aurora', region: 'eu-west-1', dbCluster: 'analytics' };

describe('the aws provider on the real SDK stack', () => {
  it('reaches the endpoint AWS_ENDPOINT_URL names and retries throttling until it is answered', async () => {
    // Three throttled answers: more than the SDK's default of three attempts rides out, so this needs pgtopo's.
    throttled = 3;
    const aws = await configuredAws({ analytics });
    const objects = await aws.read('aws_aurora_cluster', 'eu-west-1');
    await aws.provider.close();
    expect(objects.map((object) => object.attributes.writer_endpoint)).toEqual(['analytics.cluster-x.eu-west-1.rds.amazonaws.com']);
    expect(requests).toEqual([...Array<string>(4).fill('DescribeDBClusters signed'), 'DescribeDBClusterEndpoints signed']);
  });
});
