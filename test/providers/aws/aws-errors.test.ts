// SDK errors become messages that say what to do; the raw SDK text only when nothing better is known.
import { describe, expect, it } from 'vitest';
import { awsFailureMessage, notFoundMessage } from '../../../providers/aws/aws-errors.ts';

const named = (name: string, message = 'raw'): Error => Object.assign(new Error(message), { name });

describe('AWS error messages', () => {
  it('names the IAM action for every service spelling of access denied', () => {
    for (const name of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']) {
      expect(awsFailureMessage(named(name), 'ec2:DescribeInstances', 'eu-west-1')).toContain('grant the IAM action "ec2:DescribeInstances"');
    }
  });

  it('says throttling outlasted the retries, credentials are missing or rejected, or the endpoint is unreachable', () => {
    expect(awsFailureMessage(named('Throttling'), 'rds:DescribeDBClusters', 'eu-west-1')).toBe(
      'AWS kept throttling rds:DescribeDBClusters in eu-west-1 after retrying with back-off: try again later');
    expect(awsFailureMessage(named('CredentialsProviderError'), 'rds:DescribeDBClusters', 'eu-west-1')).toContain('no AWS credentials');
    expect(awsFailureMessage(named('InvalidClientTokenId'), 'rds:DescribeDBClusters', 'eu-west-1')).toContain('AWS rejected the credentials');
    expect(awsFailureMessage(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'rds:DescribeDBClusters', 'eu-west-1'))
      .toContain('could not reach the AWS endpoint');
    expect(awsFailureMessage(named('InternalFailure', 'boom'), 'rds:DescribeDBClusters', 'eu-west-1')).toBe('rds:DescribeDBClusters failed in eu-west-1: boom');
  });

  it('lists what exists when nothing is close to the missing id', () => {
    expect(notFoundMessage({ kind: 'DB instance', id: 'zzz', region: 'eu-west-1', cluster: 'b', key: 'dbInstance', existing: ['billing-db', 'orders-db'] }))
      .toContain('eu-west-1 has: billing-db, orders-db');
  });
});
