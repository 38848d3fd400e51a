// `aws_subnet`: the region's subnets, read with one paged DescribeSubnets, so the plan knows the VPC of the
// proxies' subnets (for the security group and the target group when `vpc.id` is not declared) and an unknown
// subnet id fails the plan, not the apply.
import { paginateDescribeSubnets, type Subnet } from '@aws-sdk/client-ec2';
import type { ObservedObject } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';

export const SUBNET_TYPE = 'aws_subnet';
const ACTION = { describe: 'ec2:DescribeSubnets' } as const;

export function subnetSource(clients: RegionalClients): AwsResourceType {
  return {
    name: SUBNET_TYPE,
    mode: 'data',
    iamActions: Object.values(ACTION),
    attributes: { vpc_id: { computed: true }, availability_zone: { computed: true }, cidr: { computed: true } },
    async read(region) {
      const { ec2 } = clients.of(region);
      const subnets = await awsCall(ACTION.describe, region,
        () => allPages(paginateDescribeSubnets({ client: ec2, pageSize: 1000 }, {}), (page) => page.Subnets));
      return subnets.map(observe);
    },
  };
}

function observe(subnet: Subnet): ObservedObject {
  return {
    id: subnet.SubnetId!, name: subnet.SubnetId!,
    attributes: { vpc_id: subnet.VpcId ?? null, availability_zone: subnet.AvailabilityZone ?? null, cidr: subnet.CidrBlock ?? null },
  };
}
