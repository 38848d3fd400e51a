// EC2 Auto Scaling as the tests' AWS world keeps it, per region: groups launching their desired capacity from a
// launch template into the EC2 world (with the tags that propagate at launch), instance refreshes, and
// ForceDelete terminating the group's instances. DescribeAutoScalingGroups honours `tag:<key>` filters and
// MaxRecords/NextToken paging.
import {
  CreateAutoScalingGroupCommand, DeleteAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand, StartInstanceRefreshCommand,
  UpdateAutoScalingGroupCommand, type AutoScalingClient, type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import type { Instance } from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { Ec2ProxyTierWorld } from './ec2-proxy-tier-world.ts';
import { passes } from './tag-filters.ts';
import { awsError, page, Regional, serve, type CallLog } from './world-calls.ts';

export class AutoScalingWorld {
  readonly groups = new Regional<AutoScalingGroup>();
  readonly refreshes: { group: string; id: string }[] = [];
  readonly ec2: Ec2ProxyTierWorld;

  constructor(ec2: Ec2ProxyTierWorld) {
    this.ec2 = ec2;
  }

  #group(region: string, name: string | undefined): AutoScalingGroup {
    const group = this.groups.in(region).find((candidate) => candidate.AutoScalingGroupName === name);
    if (!group) throw awsError('ValidationError', `AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
    return group;
  }

  /** The live instances of the groups that register in `targetGroupArn`: what the load balancer checks. */
  membersOf(region: string, targetGroupArn: string): Instance[] {
    const ids = this.groups.in(region).filter((group) => group.TargetGroupARNs?.includes(targetGroupArn))
      .flatMap((group) => (group.Instances ?? []).map((member) => member.InstanceId));
    return this.ec2.ec2.instances.in(region).filter((instance) => ids.includes(instance.InstanceId) && instance.State?.Name !== 'terminated');
  }

  /** A member EC2 no longer runs is unhealthy to Auto Scaling (it is not replaced here: the tests look at it). */
  #withMemberHealth(region: string, group: AutoScalingGroup): AutoScalingGroup {
    const stateOf = (id: string | undefined) => this.ec2.ec2.instances.in(region).find((instance) => instance.InstanceId === id)?.State?.Name;
    const Instances = (group.Instances ?? []).map((member) => {
      const state = stateOf(member.InstanceId);
      if (state === 'running' || state === 'pending') return member;
      return { ...member, LifecycleState: state === 'terminated' ? 'Terminated' as const : member.LifecycleState, HealthStatus: 'Unhealthy' };
    });
    return { ...group, Instances };
  }

  install(stub: AwsClientStub<AutoScalingClient>, log: CallLog): void {
    serve(stub, 'autoScaling', log, CreateAutoScalingGroupCommand, (input, region) => {
      if (this.groups.in(region).some((group) => group.AutoScalingGroupName === input.AutoScalingGroupName)) {
        throw awsError('AlreadyExists', `AutoScalingGroup by this name already exists - A group with the name ${input.AutoScalingGroupName} already exists`);
      }
      const subnets = (input.VPCZoneIdentifier ?? '').split(',');
      const propagated = (input.Tags ?? []).filter((tag) => tag.PropagateAtLaunch).map(({ Key, Value }) => ({ Key, Value }));
      const instances = Array.from({ length: input.DesiredCapacity ?? input.MinSize ?? 0 }, (_, index) =>
        this.ec2.launch(region, input.LaunchTemplate!.LaunchTemplateId!, input.LaunchTemplate!.Version ?? '$Default', subnets[index % subnets.length]!, propagated));
      this.groups.in(region).push({
        AutoScalingGroupName: input.AutoScalingGroupName, LaunchTemplate: structuredClone(input.LaunchTemplate), MinSize: input.MinSize, MaxSize: input.MaxSize,
        DesiredCapacity: input.DesiredCapacity, VPCZoneIdentifier: input.VPCZoneIdentifier, TargetGroupARNs: input.TargetGroupARNs ?? [],
        HealthCheckType: input.HealthCheckType, HealthCheckGracePeriod: input.HealthCheckGracePeriod, DefaultCooldown: 300, AvailabilityZones: [], CreatedTime: new Date(),
        Tags: (input.Tags ?? []).map((tag) => ({ ...tag, ResourceId: input.AutoScalingGroupName, ResourceType: 'auto-scaling-group' })),
        Instances: instances.map((instance) => ({ InstanceId: instance.InstanceId, LifecycleState: 'InService', HealthStatus: 'Healthy', AvailabilityZone: '', ProtectedFromScaleIn: false })),
      });
      return {};
    });
    serve(stub, 'autoScaling', log, DescribeAutoScalingGroupsCommand, (input, region) => {
      const found = this.groups.in(region).filter((group) => (!input.AutoScalingGroupNames || input.AutoScalingGroupNames.includes(group.AutoScalingGroupName!)) &&
        passes(group.Tags, input.Filters));
      const { items, next } = page(found, input.NextToken, input.MaxRecords ?? 50);
      return { AutoScalingGroups: structuredClone(items).map((group) => this.#withMemberHealth(region, group)), NextToken: next };
    });
    serve(stub, 'autoScaling', log, UpdateAutoScalingGroupCommand, (input, region) => {
      const group = this.#group(region, input.AutoScalingGroupName);
      Object.assign(group, Object.fromEntries(Object.entries({
        LaunchTemplate: input.LaunchTemplate, MinSize: input.MinSize, MaxSize: input.MaxSize, DesiredCapacity: input.DesiredCapacity, VPCZoneIdentifier: input.VPCZoneIdentifier,
      }).filter(([, value]) => value !== undefined)));
      return {};
    });
    serve(stub, 'autoScaling', log, StartInstanceRefreshCommand, (input, region) => {
      this.#group(region, input.AutoScalingGroupName);
      const id = `refresh-${this.refreshes.length + 1}`;
      this.refreshes.push({ group: input.AutoScalingGroupName!, id });
      return { InstanceRefreshId: id };
    });
    serve(stub, 'autoScaling', log, DeleteAutoScalingGroupCommand, (input, region) => {
      const group = this.#group(region, input.AutoScalingGroupName);
      if (!input.ForceDelete && (group.Instances ?? []).length > 0) throw awsError('ResourceInUse', 'You cannot delete an AutoScalingGroup while there are instances still in the group.');
      for (const member of group.Instances ?? []) {
        const instance = this.ec2.ec2.instances.in(region).find((candidate) => candidate.InstanceId === member.InstanceId);
        if (instance) this.ec2.ec2.terminate(instance);
      }
      this.groups.in(region).splice(this.groups.in(region).indexOf(group), 1);
      return {};
    });
  }
}
