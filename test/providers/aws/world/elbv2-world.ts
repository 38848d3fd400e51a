// Elastic Load Balancing v2 as the tests' AWS world keeps it, per region: network load balancers, target groups
// (with attributes) and listeners, and the tags of each. Names are unique per region, a target group in use by a
// listener cannot be deleted, deleting a load balancer deletes its listeners, Describe calls page with
// PageSize/Marker and DescribeTags takes at most 20 ARNs, as AWS does.
import {
  AddTagsCommand, CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, DeleteListenerCommand, DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand, DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetGroupsCommand, DescribeTargetHealthCommand,
  ModifyListenerCommand, ModifyLoadBalancerAttributesCommand, ModifyTargetGroupAttributesCommand, ModifyTargetGroupCommand, SetSubnetsCommand,
  type ElasticLoadBalancingV2Client, type Listener, type LoadBalancer, type Tag, type TargetGroup, type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Instance } from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { awsError, page, Regional, serve, type CallLog } from './world-calls.ts';

const ACCOUNT = '123456789012';

export class Elbv2World {
  readonly loadBalancers = new Regional<LoadBalancer>();
  readonly targetGroups = new Regional<TargetGroup & { attributes: Record<string, string> }>();
  readonly listeners = new Regional<Listener>();
  readonly tags = new Map<string, Tag[]>();
  /** The instances registered in a target group (aws-world.ts: the members of the Auto Scaling groups naming it). */
  registered: (region: string, targetGroupArn: string) => Instance[] = () => [];
  /** Instances whose health check fails although they run (a proxy whose /healthz does not answer). */
  readonly failingHealthChecks = new Set<string>();
  #next = 1;

  install(stub: AwsClientStub<ElasticLoadBalancingV2Client>, log: CallLog): void {
    this.#installLoadBalancers(stub, log);
    this.#installTargetGroups(stub, log);
    this.#installListeners(stub, log);
    serve(stub, 'elbv2', log, DescribeTagsCommand, (input) => {
      if ((input.ResourceArns ?? []).length > 20) throw awsError('ValidationError', 'at most 20 resource ARNs');
      return { TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({ ResourceArn: arn, Tags: structuredClone(this.tags.get(arn) ?? []) })) };
    });
    serve(stub, 'elbv2', log, AddTagsCommand, (input) => {
      for (const arn of input.ResourceArns ?? []) {
        const kept = (this.tags.get(arn) ?? []).filter((tag) => !(input.Tags ?? []).some((added) => added.Key === tag.Key));
        this.tags.set(arn, [...kept, ...(input.Tags ?? [])]);
      }
      return {};
    });
  }

  #arn(region: string, kind: string, name: string): string {
    return `arn:aws:elasticloadbalancing:${region}:${ACCOUNT}:${kind}/${name}/${(this.#next++).toString(16).padStart(16, '0')}`;
  }

  #loadBalancer(region: string, arn: string | undefined): LoadBalancer {
    const lb = this.loadBalancers.in(region).find((candidate) => candidate.LoadBalancerArn === arn);
    if (!lb) throw awsError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
    return lb;
  }

  #targetGroup(region: string, arn: string | undefined): TargetGroup & { attributes: Record<string, string> } {
    const group = this.targetGroups.in(region).find((candidate) => candidate.TargetGroupArn === arn);
    if (!group) throw awsError('TargetGroupNotFound', `Target groups '${arn}' not found`);
    return group;
  }

  #installLoadBalancers(stub: AwsClientStub<ElasticLoadBalancingV2Client>, log: CallLog): void {
    serve(stub, 'elbv2', log, CreateLoadBalancerCommand, (input, region) => {
      if (this.loadBalancers.in(region).some((lb) => lb.LoadBalancerName === input.Name)) throw awsError('DuplicateLoadBalancerName', 'A load balancer with the same name already exists');
      if ((input.Name ?? '').length > 32) throw awsError('ValidationError', 'name longer than 32 characters');
      const arn = this.#arn(region, 'loadbalancer/net', input.Name!);
      const lb: LoadBalancer = {
        LoadBalancerArn: arn, LoadBalancerName: input.Name, Type: 'network', Scheme: input.Scheme ?? 'internet-facing', State: { Code: 'active' },
        DNSName: `${input.Name}-${this.#next.toString(16)}.elb.${region}.amazonaws.com`,
        AvailabilityZones: (input.Subnets ?? []).map((subnet) => ({ SubnetId: subnet, ZoneName: `${region}a` })),
      };
      this.loadBalancers.in(region).push(lb);
      this.tags.set(arn, structuredClone(input.Tags ?? []));
      return { LoadBalancers: [structuredClone(lb)] };
    });
    serve(stub, 'elbv2', log, DescribeLoadBalancersCommand, (input, region) => {
      const found = this.loadBalancers.in(region).filter((lb) => !input.Names || input.Names.includes(lb.LoadBalancerName!));
      const { items, next } = page(found, input.Marker, input.PageSize ?? 400);
      return { LoadBalancers: structuredClone(items), NextMarker: next };
    });
    serve(stub, 'elbv2', log, ModifyLoadBalancerAttributesCommand, (input, region) => {
      this.#loadBalancer(region, input.LoadBalancerArn);
      return { Attributes: input.Attributes };
    });
    serve(stub, 'elbv2', log, SetSubnetsCommand, (input, region) => {
      const lb = this.#loadBalancer(region, input.LoadBalancerArn);
      lb.AvailabilityZones = (input.Subnets ?? []).map((subnet) => ({ SubnetId: subnet, ZoneName: `${region}a` }));
      return { AvailabilityZones: lb.AvailabilityZones };
    });
    serve(stub, 'elbv2', log, DeleteLoadBalancerCommand, (input, region) => {
      const lb = this.#loadBalancer(region, input.LoadBalancerArn);
      this.loadBalancers.in(region).splice(this.loadBalancers.in(region).indexOf(lb), 1);
      const listeners = this.listeners.in(region);
      for (const listener of listeners.filter((candidate) => candidate.LoadBalancerArn === lb.LoadBalancerArn)) listeners.splice(listeners.indexOf(listener), 1);
      this.tags.delete(lb.LoadBalancerArn!);
      return {};
    });
  }

  #installTargetGroups(stub: AwsClientStub<ElasticLoadBalancingV2Client>, log: CallLog): void {
    serve(stub, 'elbv2', log, CreateTargetGroupCommand, (input, region) => {
      if (this.targetGroups.in(region).some((group) => group.TargetGroupName === input.Name)) throw awsError('DuplicateTargetGroupName', 'A target group with the same name exists');
      const arn = this.#arn(region, 'targetgroup', input.Name!);
      const group = {
        TargetGroupArn: arn, TargetGroupName: input.Name, Protocol: input.Protocol, Port: input.Port, VpcId: input.VpcId, TargetType: input.TargetType,
        HealthCheckProtocol: input.HealthCheckProtocol, HealthCheckPort: input.HealthCheckPort, HealthCheckPath: input.HealthCheckPath,
        attributes: { 'deregistration_delay.timeout_seconds': '300' },
      };
      this.targetGroups.in(region).push(group);
      this.tags.set(arn, structuredClone(input.Tags ?? []));
      return { TargetGroups: [structuredClone(withoutAttributes(group))] };
    });
    serve(stub, 'elbv2', log, DescribeTargetGroupsCommand, (input, region) => {
      const { items, next } = page(this.targetGroups.in(region), input.Marker, input.PageSize ?? 400);
      return { TargetGroups: items.map((group) => structuredClone(withoutAttributes(group))), NextMarker: next };
    });
    serve(stub, 'elbv2', log, DescribeTargetHealthCommand, (input, region) => {
      const group = this.#targetGroup(region, input.TargetGroupArn);
      return { TargetHealthDescriptions: this.registered(region, group.TargetGroupArn!).map((instance) => this.#health(instance, group)) };
    });
    serve(stub, 'elbv2', log, ModifyTargetGroupCommand, (input, region) => {
      const group = this.#targetGroup(region, input.TargetGroupArn);
      if (input.HealthCheckPort) group.HealthCheckPort = input.HealthCheckPort;
      if (input.HealthCheckProtocol) {
        group.HealthCheckProtocol = input.HealthCheckProtocol;
        group.HealthCheckPath = input.HealthCheckProtocol === 'TCP' ? undefined : input.HealthCheckPath ?? group.HealthCheckPath;
      }
      return { TargetGroups: [structuredClone(withoutAttributes(group))] };
    });
    serve(stub, 'elbv2', log, ModifyTargetGroupAttributesCommand, (input, region) => {
      const group = this.#targetGroup(region, input.TargetGroupArn);
      for (const attribute of input.Attributes ?? []) group.attributes[attribute.Key!] = attribute.Value!;
      return { Attributes: input.Attributes };
    });
    serve(stub, 'elbv2', log, DeleteTargetGroupCommand, (input, region) => {
      const group = this.#targetGroup(region, input.TargetGroupArn);
      if (this.listeners.in(region).some((listener) => listener.DefaultActions?.some((action) => action.TargetGroupArn === group.TargetGroupArn))) {
        throw awsError('ResourceInUse', `Target group '${group.TargetGroupArn}' is currently in use by a listener or a rule`);
      }
      this.targetGroups.in(region).splice(this.targetGroups.in(region).indexOf(group), 1);
      this.tags.delete(group.TargetGroupArn!);
      return {};
    });
  }

  #installListeners(stub: AwsClientStub<ElasticLoadBalancingV2Client>, log: CallLog): void {
    serve(stub, 'elbv2', log, CreateListenerCommand, (input, region) => {
      const lb = this.#loadBalancer(region, input.LoadBalancerArn);
      for (const action of input.DefaultActions ?? []) this.#targetGroup(region, action.TargetGroupArn);
      if (this.listeners.in(region).some((listener) => listener.LoadBalancerArn === lb.LoadBalancerArn && listener.Port === input.Port)) {
        throw awsError('DuplicateListener', 'A listener already exists on this port for this load balancer');
      }
      const listener: Listener = {
        ListenerArn: this.#arn(region, 'listener/net', lb.LoadBalancerName!), LoadBalancerArn: lb.LoadBalancerArn, Port: input.Port, Protocol: input.Protocol,
        DefaultActions: structuredClone(input.DefaultActions),
      };
      this.listeners.in(region).push(listener);
      this.tags.set(listener.ListenerArn!, structuredClone(input.Tags ?? []));
      return { Listeners: [structuredClone(listener)] };
    });
    serve(stub, 'elbv2', log, DescribeListenersCommand, (input, region) => {
      if (!input.LoadBalancerArn && !input.ListenerArns) throw awsError('ValidationError', 'a load balancer ARN or listener ARNs are required');
      if (input.LoadBalancerArn) this.#loadBalancer(region, input.LoadBalancerArn);
      const found = this.listeners.in(region).filter((listener) =>
        (input.LoadBalancerArn === undefined || listener.LoadBalancerArn === input.LoadBalancerArn) && (!input.ListenerArns || input.ListenerArns.includes(listener.ListenerArn!)));
      const { items, next } = page(found, input.Marker, input.PageSize ?? 400);
      return { Listeners: structuredClone(items), NextMarker: next };
    });
    serve(stub, 'elbv2', log, ModifyListenerCommand, (input, region) => {
      const listener = this.#listener(region, input.ListenerArn);
      if (input.DefaultActions) listener.DefaultActions = structuredClone(input.DefaultActions);
      return { Listeners: [structuredClone(listener)] };
    });
    serve(stub, 'elbv2', log, DeleteListenerCommand, (input, region) => {
      const listener = this.#listener(region, input.ListenerArn);
      this.listeners.in(region).splice(this.listeners.in(region).indexOf(listener), 1);
      this.tags.delete(listener.ListenerArn!);
      return {};
    });
  }

  /** As Elastic Load Balancing reports a target: a stopped instance is unused, a running one as its check goes. */
  #health(instance: Instance, group: TargetGroup): TargetHealthDescription {
    const target = { Id: instance.InstanceId, Port: group.Port };
    if (instance.State?.Name !== 'running') return { Target: target, TargetHealth: { State: 'unused', Reason: 'Target.InvalidState' } };
    if (this.failingHealthChecks.has(instance.InstanceId!)) return { Target: target, TargetHealth: { State: 'unhealthy', Reason: 'Target.FailedHealthChecks' } };
    return { Target: target, TargetHealth: { State: 'healthy' } };
  }

  #listener(region: string, arn: string | undefined): Listener {
    const listener = this.listeners.in(region).find((candidate) => candidate.ListenerArn === arn);
    if (!listener) throw awsError('ListenerNotFound', `Listener '${arn}' not found`);
    return listener;
  }
}

function withoutAttributes(group: TargetGroup & { attributes: Record<string, string> }): TargetGroup {
  const { attributes: _attributes, ...rest } = group;
  return rest;
}
