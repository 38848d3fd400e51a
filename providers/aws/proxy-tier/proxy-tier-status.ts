// `pgtopo status` for the proxy tier on EC2: each proxy instance's state and address, the load balancer's verdict on
// every target (DescribeTargetHealth, one call per target group), each Auto Scaling group's instances with their
// lifecycle and health (one DescribeAutoScalingGroups per region), the NLB's DNS name, and on each proxy config the
// database's writer and readers as read now, with whether the config the proxies run still matches them.
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { ObservedObject, ResourceStatus } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import type { DatabaseNow } from '../database/database-now.ts';
import { AUTOSCALING_GROUP_TYPE, groupsNamed } from './autoscaling-group-resource.ts';
import { LOAD_BALANCER_TYPE } from './load-balancer-resource.ts';
import { regionOf } from './observed-region.ts';
import { PROXY_INSTANCE_TYPE } from './proxy-instance-resource.ts';
import { SSM_PROXY_CONFIG_TYPE } from './ssm-proxy-config-resource.ts';
import { TARGET_GROUP_TYPE, targetHealth } from './target-group-resource.ts';

export interface StatusObject {
  address: string;
  type: string;
  object: ObservedObject;
}

export async function proxyTierStatus(objects: StatusObject[], clients: RegionalClients, databases: Map<string, DatabaseNow>): Promise<ResourceStatus[]> {
  const groups = await autoScalingGroupsNow(objects.filter((item) => item.type === AUTOSCALING_GROUP_TYPE), clients);
  return Promise.all(objects.map(async ({ address, type, object }): Promise<ResourceStatus> => {
    const { attributes } = object;
    switch (type) {
      case PROXY_INSTANCE_TYPE:
        return {
          address, healthy: attributes.state === 'running',
          details: { state: String(attributes.state), address: String(attributes.private_ip), zone: String(attributes.availability_zone) },
        };
      case TARGET_GROUP_TYPE:
        return targetGroupStatus(address, object, clients);
      case AUTOSCALING_GROUP_TYPE:
        return autoScalingGroupStatus(address, object, groups.get(object.id));
      case LOAD_BALANCER_TYPE:
        return { address, healthy: true, details: { dns_name: String(attributes.dns_name), scheme: String(attributes.scheme) } };
      case SSM_PROXY_CONFIG_TYPE:
        return configStatus(address, object, databases.get(String(attributes.cluster)));
      default:
        return { address, healthy: true, details: {} };
    }
  }));
}

async function targetGroupStatus(address: string, group: ObservedObject, clients: RegionalClients): Promise<ResourceStatus> {
  const region = regionOf(group);
  const targets = await targetHealth(clients.of(region).elbv2, region, group.id);
  const described = targets.map(({ Target, TargetHealth }) => {
    const reason = TargetHealth?.State === 'healthy' || !TargetHealth?.Reason ? '' : `(${TargetHealth.Reason})`;
    return `${Target?.Id ?? '?'}:${TargetHealth?.State ?? 'unknown'}${reason}`;
  });
  return {
    address, healthy: targets.length > 0 && targets.every((target) => target.TargetHealth?.State === 'healthy'),
    details: { targets: described.join(',') || 'none' },
  };
}

/** Every Auto Scaling group of the status, by name: one call per region. */
async function autoScalingGroupsNow(objects: StatusObject[], clients: RegionalClients): Promise<Map<string, AutoScalingGroup>> {
  const byRegion = Map.groupBy(objects, (item) => regionOf(item.object));
  const found = new Map<string, AutoScalingGroup>();
  for (const [region, items] of byRegion) {
    const groups = await groupsNamed(clients.of(region).autoScaling, region, items.map((item) => item.object.id));
    for (const group of groups) found.set(group.AutoScalingGroupName!, group);
  }
  return found;
}

function autoScalingGroupStatus(address: string, object: ObservedObject, group: AutoScalingGroup | undefined): ResourceStatus {
  const instances = group?.Instances ?? [];
  const serving = instances.filter((instance) => instance.LifecycleState === 'InService' && instance.HealthStatus === 'Healthy').length;
  const wanted = group?.DesiredCapacity ?? Number(object.attributes.desired_capacity);
  return {
    address, healthy: serving > 0 && serving >= (group?.MinSize ?? 1),
    details: {
      in_service: `${serving}/${wanted}`,
      instances: instances.map((instance) => `${instance.InstanceId}:${instance.LifecycleState}/${instance.HealthStatus}`).join(',') || 'none',
    },
  };
}

function configStatus(address: string, config: ObservedObject, database: DatabaseNow | undefined): ResourceStatus {
  if (!database) return { address, healthy: true, details: {} };
  if ('problem' in database) return { address, healthy: false, details: { database: database.problem } };
  const configured = config.attributes.backends as unknown as BackendAddress[];
  const current = JSON.stringify(sorted(configured)) === JSON.stringify(sorted(database.backends));
  return { address, healthy: true, details: { ...roles(database.backends), config: current ? 'current' : 'stale (pgtopo apply updates it)' } };
}

/** writer=…, readers=…; on ec2 the proxies find the roles themselves, so the backends are listed as they are. */
function roles(backends: BackendAddress[]): Record<string, string> {
  const hosts = (role: BackendAddress['role']) => backends.filter((backend) => backend.role === role).map((backend) => `${backend.host}:${backend.port}`).join(',');
  if (backends.every((backend) => backend.role === 'unknown')) return { backends: hosts('unknown') || 'none' };
  return { writer: hosts('primary') || 'none', readers: hosts('standby') || 'none' };
}

function sorted(backends: BackendAddress[] | undefined): BackendAddress[] {
  return [...(backends ?? [])].map((backend) => ({ ...backend })).sort((a, b) => a.name.localeCompare(b.name));
}
