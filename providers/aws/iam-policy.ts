// The IAM policies pgtopo's AWS parts need, generated from what the code calls: the operator's policy from every
// resource type's `iamActions` (one statement per type, so a reader sees which part needs what), and the proxy
// instances' role policy, which only reads the topology's parameters. docs/aws-iam.md is rendered from here
// (generate-iam-doc.ts) and a test checks that every call the provider makes in the test world is listed.
import type { AwsVip } from '../../proxy/watchdog/vip/aws-vip-driver.ts';
import { AWS_VIP_IAM_ACTIONS } from '../../proxy/watchdog/vip/aws-vip-iam-actions.ts';
import { JOINED_TAG_IAM_ACTIONS } from '../../proxy/watchdog/joined-tag.ts';
import type { AwsResourceType } from './aws-resource-type.ts';
import { TAG } from './aws-tags.ts';
import { SERVING_TAG } from './proxy-tier/proxy-serving.ts';
import { WATCHDOG_JOINED_TAG } from './proxy-tier/watchdog-join.ts';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where a topology's parameters (proxy config, secrets) live in SSM Parameter Store. */
export function topologyParameterPath(topology: string): string {
  return `/pgtopo/${topology}/`;
}

/**
 * The operator's policy. Describe* calls support no resource-level conditions, so they take `*`; the types that
 * write name their own actions, and their statement is where a tag condition on `pgtopo:topology` can narrow them.
 */
export function operatorPolicy(types: readonly AwsResourceType[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: types.filter((type) => type.iamActions.length > 0).map((type) => ({
      Sid: sid(type.name),
      Effect: 'Allow',
      Action: [...new Set(type.iamActions)].sort(),
      Resource: '*',
    })),
  };
}

/**
 * The proxy instances' role: read the topology's parameters and decrypt the SecureStrings among them, put the tag a
 * proxy without a watchdog puts on its own instance once it serves (proxy-tier/proxy-serving.ts), and with
 * `ha.method: watchdog` (`vips` given) what the VIP method's driver calls (proxy/watchdog/vip/aws-vip-iam-actions.ts)
 * and the tag a member puts on its own instance once it has joined (proxy/watchdog/joined-tag.ts).
 */
export function proxyInstancePolicy(topology: string, vips: readonly AwsVip[] = []): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadTopologyParameters',
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        Resource: `arn:aws:ssm:*:*:parameter${topologyParameterPath(topology)}*`,
      },
      {
        // Only through SSM: the key cannot be used to decrypt anything handed to KMS directly.
        Sid: 'DecryptTopologySecureStrings',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: '*',
        Condition: { StringLike: { 'kms:ViaService': 'ssm.*.amazonaws.com' } },
      },
      ownTagStatement('ServingTag', topology, SERVING_TAG),
      ...vips.map(watchdogVipStatement),
      ...(vips.length > 0 ? [ownTagStatement('WatchdogJoinedTag', topology, WATCHDOG_JOINED_TAG)] : []),
    ],
  };
}

/** `tls.certParameter`, `keyParameter`, `caParameter`: the operator's own parameters, read by name. */
export function tlsParameterStatement(names: readonly string[]): PolicyStatement {
  return {
    Sid: 'ReadTlsParameters',
    Effect: 'Allow',
    Action: ['ssm:GetParameters'],
    Resource: names.map((name) => `arn:aws:ssm:*:*:parameter/${name.replace(/^\//, '')}`),
  };
}

/** Only that one tag key, and only on the topology's instances. */
function ownTagStatement(sid: string, topology: string, key: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: [...JOINED_TAG_IAM_ACTIONS],
    Resource: 'arn:aws:ec2:*:*:instance/*',
    Condition: {
      StringEquals: { [`aws:ResourceTag/${TAG.topology}`]: `pgtopo:${topology}` },
      'ForAllValues:StringEquals': { 'aws:TagKeys': key },
    },
  };
}

/** EC2's address and route calls take no useful resource restriction; a Route 53 change names its zone. */
function watchdogVipStatement(vip: AwsVip): PolicyStatement {
  return {
    Sid: `WatchdogVip${sid(vip.type.replace('-', '_'))}`,
    Effect: 'Allow',
    Action: [...AWS_VIP_IAM_ACTIONS[vip.type]].sort(),
    Resource: vip.type === 'dns' ? [`arn:aws:route53:::hostedzone/${vip.hostedZoneId}`, 'arn:aws:route53:::change/*'] : '*',
  };
}

/** Every action of a policy, for comparing with the calls made. */
export function policyActions(policy: PolicyDocument): Set<string> {
  return new Set(policy.Statement.flatMap((statement) => statement.Action));
}

function sid(typeName: string): string {
  return typeName.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
