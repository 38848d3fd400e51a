// `aws_database_ingress`: the one rule pgtopo adds to the database's security group (`proxy.databaseSecurityGroup`)
// so the proxies reach PostgreSQL: TCP on the database port from the proxies' security group. The rule carries the
// topology's tags (security group rules can be tagged), so read lists exactly pgtopo's rules with one paged,
// tag-filtered DescribeSecurityGroupRules per region; a rule removed outside pgtopo is drift and is added again;
// destroy revokes that rule by its id and leaves every other rule of the group alone.
import {
  AuthorizeSecurityGroupIngressCommand, paginateDescribeSecurityGroupRules, RevokeSecurityGroupIngressCommand,
  type EC2Client, type Filter, type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { ObservedObject } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { addressFilters, objectTags, TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { errorName } from './aws-error-name.ts';
import { ownedResourceType } from './owned-resource-type.ts';

export const DATABASE_INGRESS_TYPE = 'aws_database_ingress';
const ACTION = {
  describe: 'ec2:DescribeSecurityGroupRules',
  authorize: 'ec2:AuthorizeSecurityGroupIngress',
  /** Not a call of its own: IAM asks it of an AuthorizeSecurityGroupIngress that tags the rule. */
  tag: 'ec2:CreateTags',
  revoke: 'ec2:RevokeSecurityGroupIngress',
} as const;
/** Gone already: the rule, or the whole group with it. */
const GONE = new Set(['InvalidSecurityGroupRuleId.NotFound', 'InvalidPermission.NotFound', 'InvalidGroup.NotFound']);

export function databaseIngressResource(clients: RegionalClients): AwsResourceType {
  const ec2 = (region: string) => clients.of(region).ec2;
  return ownedResourceType<SecurityGroupRule>({
    name: DATABASE_INGRESS_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      group_id: { forceNew: true, description: 'the database\'s security group' },
      source_group_id: { forceNew: true, description: 'the proxies\' security group' },
      port: { forceNew: true, description: 'the database port' },
      rule_id: { computed: true },
    },
    list: (region, context) => ownedRules(ec2(region), region, topologyFilters(context.topology)),
    observe,
    findOwn: async ({ scope: region, address }, context) => (await ownedRules(ec2(region), region, addressFilters(context.topology, address)))[0],
    async create(input, context) {
      const port = Number(input.attributes.port);
      const answer = await awsCall(ACTION.authorize, input.scope, () => ec2(input.scope).send(new AuthorizeSecurityGroupIngressCommand({
        GroupId: String(input.attributes.group_id),
        IpPermissions: [{
          IpProtocol: 'tcp', FromPort: port, ToPort: port,
          UserIdGroupPairs: [{ GroupId: String(input.attributes.source_group_id), Description: `pgtopo ${context.topology.name}/${String(input.attributes.cluster)} proxies` }],
        }],
        TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: objectTags(context.topology, String(input.attributes.cluster), input.address, input.name) }],
      })));
      return observe({ ...answer.SecurityGroupRules![0]!, Tags: [{ Key: TAG.name, Value: input.name }, { Key: TAG.cluster, Value: String(input.attributes.cluster) }] }, input.scope);
    },
    remove: {
      action: ACTION.revoke,
      send: (region, rule) => ec2(region).send(new RevokeSecurityGroupIngressCommand({ GroupId: String(rule.attributes.group_id), SecurityGroupRuleIds: [rule.id] })),
      gone: (error) => GONE.has(errorName(error)),
    },
  });
}

async function ownedRules(ec2: EC2Client, region: string, Filters: Filter[]): Promise<SecurityGroupRule[]> {
  const rules = await awsCall(ACTION.describe, region,
    () => allPages(paginateDescribeSecurityGroupRules({ client: ec2, pageSize: 1000 }, { Filters }), (page) => page.SecurityGroupRules));
  return rules.filter((rule) => !rule.IsEgress);
}

function observe(rule: SecurityGroupRule, region: string): ObservedObject {
  const tags = tagMap(rule.Tags);
  return {
    id: rule.SecurityGroupRuleId!, name: tags[TAG.name] ?? rule.SecurityGroupRuleId!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null, group_id: rule.GroupId ?? null, source_group_id: rule.ReferencedGroupInfo?.GroupId ?? null,
      port: rule.FromPort ?? null, rule_id: rule.SecurityGroupRuleId!, region,
    },
  };
}
