// `aws_security_group`: the proxies' security group (`pgtopo-<topology>-<cluster>-proxy`): the proxy and metrics
// ports from the declared client CIDRs and groups, the watchdog's ports between the proxies themselves. Egress is
// AWS's default (everything), which the proxies need for the database, SSM and the package mirrors. Read lists the
// topology's groups with one paged, tag-filtered DescribeSecurityGroups; create looks for a group already tagged
// with its address first (an interrupted apply) and takes that one.
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DeleteSecurityGroupCommand,
  paginateDescribeSecurityGroups, RevokeSecurityGroupIngressCommand, type EC2Client, type Filter, type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { addressFilters, objectTags, TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { errorName } from './aws-error-name.ts';
import { missingRules, permissionsOf, rulesOf, type IngressRule } from './ingress-rules.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';

export const SECURITY_GROUP_TYPE = 'aws_security_group';
const ACTION = {
  describe: 'ec2:DescribeSecurityGroups',
  create: 'ec2:CreateSecurityGroup',
  tag: 'ec2:CreateTags',
  authorize: 'ec2:AuthorizeSecurityGroupIngress',
  revoke: 'ec2:RevokeSecurityGroupIngress',
  delete: 'ec2:DeleteSecurityGroup',
} as const;
export const DESCRIPTION = 'pgtopo proxy tier';

export function securityGroupResource(clients: RegionalClients): AwsResourceType {
  const ec2 = (region: string) => clients.of(region).ec2;
  return ownedResourceType<SecurityGroup>({
    name: SECURITY_GROUP_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      vpc_id: { forceNew: true, description: 'the VPC: vpc.id, else the one of the proxies\' first subnet' },
      ingress: { description: 'who may reach which port' },
      group_id: { computed: true },
    },
    list: (region, context) => ownedGroups(ec2(region), region, topologyFilters(context.topology)),
    observe,
    findOwn: async ({ scope: region, address }, context) => (await ownedGroups(ec2(region), region, addressFilters(context.topology, address)))[0],
    async adopt(existing, input) {
      const groupId = existing.GroupId!;
      await changeRules(ec2(input.scope), input.scope, groupId, rulesOf(existing.IpPermissions, groupId), declaredRules(input));
      return observedFrom(input, groupId, existing.VpcId ?? String(input.attributes.vpc_id ?? ''));
    },
    async create(input, context) {
      const groupId = await createGroup(ec2(input.scope), input, context);
      await changeRules(ec2(input.scope), input.scope, groupId, [], declaredRules(input));
      return observedFrom(input, groupId, String(input.attributes.vpc_id ?? ''));
    },
    async update(current, input) {
      const groupId = String(current.attributes.group_id);
      await changeRules(ec2(input.scope), input.scope, groupId, current.attributes.ingress as unknown as IngressRule[], declaredRules(input));
      return { ...current, attributes: { ...current.attributes, ingress: input.attributes.ingress ?? [] } };
    },
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => ec2(region).send(new DeleteSecurityGroupCommand({ GroupId: id })),
      gone: named('InvalidGroup.NotFound'),
    },
  });
}

function declaredRules(input: OperationInput): IngressRule[] {
  return input.attributes.ingress as unknown as IngressRule[];
}

async function ownedGroups(ec2: EC2Client, region: string, Filters: Filter[]): Promise<SecurityGroup[]> {
  return awsCall(ACTION.describe, region,
    () => allPages(paginateDescribeSecurityGroups({ client: ec2, pageSize: 1000 }, { Filters }), (page) => page.SecurityGroups));
}

async function createGroup(ec2: EC2Client, input: OperationInput, context: ProviderContext): Promise<string> {
  const cluster = String(input.attributes.cluster);
  const create = () => ec2.send(new CreateSecurityGroupCommand({
    GroupName: input.name, Description: DESCRIPTION, VpcId: String(input.attributes.vpc_id),
    TagSpecifications: [{ ResourceType: 'security-group', Tags: objectTags(context.topology, cluster, input.address, input.name) }],
  }));
  try {
    return (await create()).GroupId!;
  } catch (error) {
    if (errorName(error) !== 'InvalidGroup.Duplicate') return awsCall(ACTION.create, input.scope, () => Promise.reject(error));
  }
  // Its name is taken by a group without this address's tag (findOwn looked): someone else's, never taken over.
  throw new Error(`${input.address}: a security group named ${input.name} already exists in ${String(input.attributes.vpc_id)} (${input.scope}) and ` +
    `pgtopo did not create it; delete or rename it, or tag it ${TAG.topology}=${context.topology.ownerTag} and ${TAG.cluster}=${cluster} ` +
    `and adopt it with pgtopo import ${input.address} <group id>`);
}

async function changeRules(ec2: EC2Client, region: string, groupId: string, current: IngressRule[], next: IngressRule[]): Promise<void> {
  const revoke = missingRules(current, next);
  const authorize = missingRules(next, current);
  if (revoke.length > 0) {
    await awsCall(ACTION.revoke, region, () => ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permissionsOf(revoke, groupId) })));
  }
  if (authorize.length > 0) {
    await awsCall(ACTION.authorize, region, () => ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permissionsOf(authorize, groupId) })));
  }
}

function observe(group: SecurityGroup, region: string): ObservedObject {
  const tags = tagMap(group.Tags);
  return {
    id: group.GroupId!, name: tags[TAG.name] ?? group.GroupName ?? group.GroupId!,
    attributes: { cluster: tags[TAG.cluster] ?? null, vpc_id: group.VpcId ?? null, ingress: rulesOf(group.IpPermissions, group.GroupId!) as never, group_id: group.GroupId!, region },
  };
}

function observedFrom(input: OperationInput, groupId: string, vpcId: string): ObservedObject {
  return {
    id: groupId, name: input.name,
    attributes: { cluster: input.attributes.cluster ?? null, vpc_id: vpcId, ingress: input.attributes.ingress ?? [], group_id: groupId, region: input.scope },
  };
}
