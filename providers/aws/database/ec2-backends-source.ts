// `aws_ec2_backends`: the PostgreSQL servers of each ec2 cluster of a region, one object per cluster. Nodes found by
// tags come from one paged DescribeInstances for every cluster of the region (server-side: running, carrying one
// of the tag keys asked for; the exact tag values are matched here); declared nodes are looked up by private
// address in one more call, for their zone and subnet. Roles are not read: the proxies find the primary at runtime
// (pg_is_in_recovery()).
import { isIP } from 'node:net';
import { paginateDescribeInstances, type EC2Client, type Filter, type Instance } from '@aws-sdk/client-ec2';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue, ObservedObject } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { tagMap } from '../aws-tags.ts';
import { backendList } from './backend-list.ts';
import { DEFAULT_POSTGRES_PORT, type DatabaseRequests, type Ec2Request } from './database-requests.ts';

export const EC2_BACKENDS_TYPE = 'aws_ec2_backends';
const ACTION = { instances: 'ec2:DescribeInstances' } as const;
/** EC2 accepts at most 200 values in one filter. */
const FILTER_VALUES = 200;

/** The data source's name for a cluster: what expand declares and read returns. */
export function ec2BackendsName(topology: string, cluster: string): string {
  return `${topology}-${cluster}-backends`;
}

export function ec2BackendsSource(clients: RegionalClients, requests: DatabaseRequests): AwsResourceType {
  return {
    name: EC2_BACKENDS_TYPE,
    mode: 'data',
    iamActions: Object.values(ACTION),
    attributes: { instances: { computed: true }, backends: { computed: true } },
    async read(region, context) {
      const { ec2 } = clients.of(region);
      const wanted = requests.ec2(region);
      const tagKeys = [...new Set(wanted.flatMap((request) => Object.keys(request.discover?.tags ?? {})))];
      // Only addresses can be looked up as an instance's private address; a DNS name is taken as declared.
      const hosts = [...new Set(wanted.flatMap((request) => (request.static ?? []).map((node) => node.host)))].filter((host) => isIP(host) !== 0);
      const tagged = await runningInstances(ec2, region, 'tag-key', tagKeys);
      const declared = await runningInstances(ec2, region, 'private-ip-address', hosts);
      return wanted.map((request) => clusterObject(context.topology.name, request, region, request.discover ? tagged : declared));
    },
  };
}

async function runningInstances(ec2: EC2Client, region: string, filter: string, values: string[]): Promise<Instance[]> {
  const found: Instance[] = [];
  for (let start = 0; start < values.length; start += FILTER_VALUES) {
    const Filters: Filter[] = [
      { Name: 'instance-state-name', Values: ['running'] },
      { Name: filter, Values: values.slice(start, start + FILTER_VALUES) },
    ];
    const pages = paginateDescribeInstances({ client: ec2, pageSize: 1000 }, { Filters });
    found.push(...await awsCall(ACTION.instances, region,
      () => allPages(pages, (page) => page.Reservations?.flatMap((reservation) => reservation.Instances ?? []))));
  }
  return found;
}

function clusterObject(topology: string, request: Ec2Request, region: string, instances: Instance[]): ObservedObject {
  const name = ec2BackendsName(topology, request.cluster);
  const { nodes, backends } = request.discover ? discovered(request, region, instances) : declared(request, instances);
  return { id: name, name, attributes: { instances: nodes, backends: backendList(backends) } satisfies Record<string, AttributeValue> };
}

function discovered(request: Ec2Request, region: string, instances: Instance[]): { nodes: AttributeValue; backends: BackendAddress[] } {
  const { tags, port } = request.discover!;
  const matching = instances.filter((instance) => {
    const own = tagMap(instance.Tags);
    return Object.entries(tags).every(([key, value]) => own[key] === value);
  }).sort((a, b) => a.InstanceId!.localeCompare(b.InstanceId!));
  if (matching.length === 0) {
    const wanted = Object.entries(tags).map(([key, value]) => `${key}=${value}`).join(', ');
    throw new Error(`clusters.${request.cluster}.backends.discover.tags: no running EC2 instance in ${region} has the tags ${wanted}; ` +
      'tag the PostgreSQL instances, start them, or check the region');
  }
  const backends = matching.filter((instance) => instance.PrivateIpAddress)
    .map((instance): BackendAddress => ({ name: instance.InstanceId!, host: instance.PrivateIpAddress!, port, role: 'unknown' }));
  return { nodes: matching.map(instanceFacts), backends };
}

function declared(request: Ec2Request, instances: Instance[]): { nodes: AttributeValue; backends: BackendAddress[] } {
  const nodes = request.static ?? [];
  const backends = nodes.map((node): BackendAddress => {
    const port = node.port ?? DEFAULT_POSTGRES_PORT;
    return { name: node.name ?? `${node.host}:${port}`, host: node.host, port, role: 'unknown' };
  });
  // A declared host may be a DNS name or a server outside EC2: it is a backend whether or not an instance matches.
  const matched = instances.filter((instance) => nodes.some((node) => node.host === instance.PrivateIpAddress));
  return { nodes: matched.map(instanceFacts), backends };
}

function instanceFacts(instance: Instance): AttributeValue {
  return {
    instance_id: instance.InstanceId ?? '',
    private_ip: instance.PrivateIpAddress ?? null,
    availability_zone: instance.Placement?.AvailabilityZone ?? null,
    subnet_id: instance.SubnetId ?? null,
    name: tagMap(instance.Tags).Name ?? null,
  };
}
