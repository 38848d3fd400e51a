// The tags on everything pgtopo creates in AWS, and the server-side filters that find it again. `pgtopo:topology`
// carries the topology's owner tag value, so one Describe call per type and region lists exactly this topology's
// objects; `pgtopo:address` maps an object back to its resource address (adoption after an interrupted create).
import type { Filter } from '@aws-sdk/client-ec2';
import type { TopologyIdentity } from '../provider.ts';

export const TAG = {
  topology: 'pgtopo:topology',
  cluster: 'pgtopo:cluster',
  address: 'pgtopo:address',
  name: 'Name',
} as const;

export interface AwsTag {
  Key: string;
  Value: string;
}

/** The tags of one managed object: the owner tags, its deterministic name, then the cluster's extra tags. */
export function objectTags(topology: TopologyIdentity, cluster: string, address: string, name: string,
  extra: Record<string, string> = {}): AwsTag[] {
  const owned: Record<string, string> = {
    [TAG.topology]: topology.ownerTag, [TAG.cluster]: cluster, [TAG.address]: address, [TAG.name]: name,
  };
  return Object.entries({ ...extra, ...owned }).map(([Key, Value]) => ({ Key, Value }));
}

/** EC2 filters (DescribeInstances, DescribeSecurityGroups, DescribeLaunchTemplates, …) for this topology's objects. */
export function topologyFilters(topology: TopologyIdentity): Filter[] {
  return [{ Name: `tag:${TAG.topology}`, Values: [topology.ownerTag] }];
}

/** EC2 filters for the one object of this topology created for `address`. */
export function addressFilters(topology: TopologyIdentity, address: string): Filter[] {
  return [{ Name: `tag:${TAG.address}`, Values: [address] }, ...topologyFilters(topology)];
}

/** Tags as a map, for reading them back from a Describe response. */
export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((tag) => tag.Key !== undefined).map((tag) => [tag.Key!, tag.Value ?? '']));
}
