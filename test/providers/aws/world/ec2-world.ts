// EC2 as the tests' AWS world keeps it: instances with tags, state, private address, subnet and zone, per region.
// DescribeInstances honours InstanceIds, the Filters pgtopo uses (tag:<key>, tag-key, instance-state-name,
// private-ip-address, instance-id, subnet-id, vpc-id, network-interface.network-interface-id) and MaxResults/NextToken paging.
// CreateTags tags instances (what a watchdog member does to its own); keys under `aws:` are refused as AWS does.
// A terminated instance is `shutting-down` for `shutdownDescribes` DescribeInstances calls first (0: terminated at
// once; `shutdownDescribesOf` sets it per instance), holding its network interfaces meanwhile as AWS does.
// The proxy-tier helper adds security groups, launch templates and RunInstances here.
import { CreateTagsCommand, DescribeInstancesCommand, type EC2Client, type Filter, type Instance, type Tag } from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { awsError, page, Regional, serve, type CallLog } from './world-calls.ts';

export interface Ec2InstanceSeed {
  tags?: Record<string, string>;
  state?: 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';
  privateIp?: string;
  subnetId?: string;
  availabilityZone?: string;
  vpcId?: string;
}

export class Ec2World {
  readonly instances = new Regional<Instance>();
  shutdownDescribes = 0;
  /** How long an instance shuts down, in DescribeInstances calls: by default `shutdownDescribes`. */
  shutdownDescribesOf: (instance: Instance) => number = () => this.shutdownDescribes;
  /** Describe calls left before each shutting-down instance is terminated. */
  readonly #shuttingDown = new Map<Instance, number>();
  #nextId = 1;

  terminate(instance: Instance): void {
    if (instance.State?.Name === 'terminated') return;
    const describes = this.shutdownDescribesOf(instance);
    if (describes <= 0) {
      instance.State = { Name: 'terminated' };
      return;
    }
    instance.State = { Name: 'shutting-down' };
    if (!this.#shuttingDown.has(instance)) this.#shuttingDown.set(instance, describes);
  }

  #advanceShutdowns(): void {
    for (const [instance, left] of this.#shuttingDown) {
      if (left > 1) this.#shuttingDown.set(instance, left - 1);
      else {
        this.#shuttingDown.delete(instance);
        instance.State = { Name: 'terminated' };
      }
    }
  }

  addInstance(region: string, seed: Ec2InstanceSeed = {}): Instance {
    const number = this.#nextId++;
    const instance: Instance = {
      InstanceId: `i-${number.toString(16).padStart(17, '0')}`,
      State: { Name: seed.state ?? 'running' },
      PrivateIpAddress: seed.privateIp ?? `10.0.${Math.floor(number / 250)}.${(number % 250) + 4}`,
      SubnetId: seed.subnetId ?? 'subnet-0a1b',
      VpcId: seed.vpcId ?? 'vpc-0a1b2c3d',
      Placement: { AvailabilityZone: seed.availabilityZone ?? `${region}a` },
      Tags: Object.entries(seed.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    };
    this.instances.in(region).push(instance);
    return instance;
  }

  install(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, DescribeInstancesCommand, (input, region) => {
      this.#advanceShutdowns();
      const size = input.MaxResults ?? 1000;
      if (input.MaxResults !== undefined && (size < 5 || size > 1000)) throw awsError('InvalidParameterValue', 'MaxResults must be 5 to 1000');
      const wanted = input.InstanceIds;
      const matching = this.instances.in(region).filter((instance) =>
        (!wanted || wanted.includes(instance.InstanceId!)) && (input.Filters ?? []).every((filter) => matches(instance, filter)));
      const { items, next } = page(matching, input.NextToken, size);
      return { Reservations: items.map((instance) => ({ Instances: [structuredClone(instance)] })), NextToken: next };
    });
    serve(stub, 'ec2', log, CreateTagsCommand, (input, region) => {
      if (input.Tags?.some((tag) => tag.Key?.startsWith('aws:'))) throw awsError('InvalidParameterValue', 'Tag keys starting with \'aws:\' are reserved for internal use');
      const instances = (input.Resources ?? []).map((id) => {
        const instance = this.instances.in(region).find((candidate) => candidate.InstanceId === id);
        if (!instance) throw awsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
        return instance;
      });
      for (const instance of instances) {
        for (const tag of input.Tags ?? []) instance.Tags = [...(instance.Tags ?? []).filter((old) => old.Key !== tag.Key), { Key: tag.Key, Value: tag.Value ?? '' }];
      }
      return {};
    });
  }
}

function matches(instance: Instance, filter: Filter): boolean {
  const values = filter.Values ?? [];
  const name = filter.Name ?? '';
  const tags: Tag[] = instance.Tags ?? [];
  if (name.startsWith('tag:')) return tags.some((tag) => tag.Key === name.slice(4) && values.some((value) => glob(value, tag.Value ?? '')));
  const field = FIELDS[name];
  if (name === 'tag-key') return tags.some((tag) => values.includes(tag.Key ?? ''));
  if (!field) throw awsError('InvalidParameterValue', `The filter '${name}' is invalid`);
  return values.some((value) => glob(value, field(instance) ?? ''));
}

const FIELDS: Record<string, (instance: Instance) => string | undefined> = {
  'instance-state-name': (instance) => instance.State?.Name,
  'private-ip-address': (instance) => instance.PrivateIpAddress,
  'instance-id': (instance) => instance.InstanceId,
  'subnet-id': (instance) => instance.SubnetId,
  'vpc-id': (instance) => instance.VpcId,
  'availability-zone': (instance) => instance.Placement?.AvailabilityZone,
  'network-interface.network-interface-id': (instance) => instance.NetworkInterfaces?.[0]?.NetworkInterfaceId,
};

/** EC2 filter values allow `*` and `?` wildcards. */
function glob(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}
