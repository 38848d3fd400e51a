// This topology's load balancers and target groups. Elastic Load Balancing filters neither by tag: the list is
// paged, then DescribeTags (20 ARNs a call) keeps the ones carrying the topology's owner tag. Only names starting
// with `pgtopo-` are asked about, so other load balancers in the account cost no tag calls.
import {
  DescribeTagsCommand, paginateDescribeLoadBalancers, paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client, type LoadBalancer, type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TopologyIdentity } from '../../provider.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import { TAG, tagMap } from '../aws-tags.ts';

export const ELB_ACTION = {
  describeLoadBalancers: 'elasticloadbalancing:DescribeLoadBalancers',
  describeTargetGroups: 'elasticloadbalancing:DescribeTargetGroups',
  describeTags: 'elasticloadbalancing:DescribeTags',
  addTags: 'elasticloadbalancing:AddTags',
} as const;
const TAG_BATCH = 20;

export interface Owned<T> {
  object: T;
  tags: Record<string, string>;
}

export async function ownedLoadBalancers(elbv2: ElasticLoadBalancingV2Client, region: string, topology: TopologyIdentity): Promise<Owned<LoadBalancer>[]> {
  const all = await awsCall(ELB_ACTION.describeLoadBalancers, region,
    () => allPages(paginateDescribeLoadBalancers({ client: elbv2, pageSize: 400 }, {}), (page) => page.LoadBalancers));
  return owned(elbv2, region, topology, all.filter((lb) => lb.LoadBalancerName?.startsWith('pgtopo-')), (lb) => lb.LoadBalancerArn!);
}

export async function ownedTargetGroups(elbv2: ElasticLoadBalancingV2Client, region: string, topology: TopologyIdentity): Promise<Owned<TargetGroup>[]> {
  const all = await awsCall(ELB_ACTION.describeTargetGroups, region,
    () => allPages(paginateDescribeTargetGroups({ client: elbv2, pageSize: 400 }, {}), (page) => page.TargetGroups));
  return owned(elbv2, region, topology, all.filter((group) => group.TargetGroupName?.startsWith('pgtopo-')), (group) => group.TargetGroupArn!);
}

async function owned<T>(elbv2: ElasticLoadBalancingV2Client, region: string, topology: TopologyIdentity, objects: T[],
  arnOf: (object: T) => string): Promise<Owned<T>[]> {
  const tagsByArn = new Map<string, Record<string, string>>();
  for (let start = 0; start < objects.length; start += TAG_BATCH) {
    const ResourceArns = objects.slice(start, start + TAG_BATCH).map(arnOf);
    const answer = await awsCall(ELB_ACTION.describeTags, region, () => elbv2.send(new DescribeTagsCommand({ ResourceArns })));
    for (const description of answer.TagDescriptions ?? []) tagsByArn.set(description.ResourceArn!, tagMap(description.Tags));
  }
  return objects.map((object) => ({ object, tags: tagsByArn.get(arnOf(object)) ?? {} }))
    .filter(({ tags }) => tags[TAG.topology] === topology.ownerTag);
}
