// The EC2 calls of the proxy tier, beside the instances ec2-world.ts keeps: subnets, security groups and their
// ingress, launch templates and their versions, the watchdog members' network interfaces (an instance launched on
// one takes its subnet and address; once it is terminated the ENI is free), RunInstances (idempotent by ClientToken,
// tagging like AWS, including the aws:ec2launchtemplate:* tags), StartInstances and TerminateInstances. Describe calls honour tag
// filters and MaxResults/NextToken paging; duplicates and missing objects get AWS's error codes. A launched proxy
// whose config names `watchdog.joinedTag` or `servingTag` tags its instance at once, as a member that joined its tier
// or a proxy that serves does, and so does a Pgpool-II watchdog member whose config has an admin user with a password
// (pgpool-files asks its control port as that user) and a Pgpool-II proxy without a watchdog (pgpool-files sees it
// accept connections), unless a test sets `proxiesJoin` false (a template whose proxy never starts).
import {
  AuthorizeSecurityGroupIngressCommand, CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand, DeleteLaunchTemplateCommand, DeleteNetworkInterfaceCommand, DeleteSecurityGroupCommand, DescribeNetworkInterfacesCommand,
  ModifyNetworkInterfaceAttributeCommand, type DescribeNetworkInterfacesCommandInput, type DescribeNetworkInterfacesCommandOutput,
  type InstanceNetworkInterfaceSpecification, type ModifyNetworkInterfaceAttributeCommandInput, type NetworkInterface, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, ModifyLaunchTemplateCommand, RevokeSecurityGroupIngressCommand, RunInstancesCommand,
  StartInstancesCommand, TerminateInstancesCommand,
  type EC2Client, type Instance, type IpPermission, type LaunchTemplate, type LaunchTemplateVersion, type SecurityGroup, type SecurityGroupRule,
  type Subnet, type Tag,
} from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { CONFIG_TAG } from '../../../../providers/aws/proxy-tier/user-data.ts';
import { SERVING_TAG } from '../../../../providers/aws/proxy-tier/proxy-serving.ts';
import { WATCHDOG_JOINED_TAG } from '../../../../providers/aws/proxy-tier/watchdog-join.ts';
import type { Ec2World } from './ec2-world.ts';
import { passes } from './tag-filters.ts';
import { awsError, page, Regional, serve, type CallLog } from './world-calls.ts';

export class Ec2ProxyTierWorld {
  readonly subnets = new Regional<Subnet>();
  readonly securityGroups = new Regional<SecurityGroup>();
  readonly launchTemplates = new Regional<LaunchTemplate>();
  readonly templateVersions = new Regional<LaunchTemplateVersion>();
  readonly networkInterfaces = new Regional<NetworkInterface>();
  readonly #tokens = new Map<string, string>();
  /** Each ingress rule's id (`sgr-…`), by group and rule, given when first seen and forgotten when revoked, as AWS does. */
  readonly #ruleIds = new Map<string, string>();
  readonly ruleTags = new Map<string, Tag[]>();
  #next = 1;
  proxiesJoin = true;
  /** A config parameter's value (the SSM world's, wired by aws-world.ts). */
  configValue: (region: string, name: string) => string | undefined = () => undefined;

  readonly ec2: Ec2World;

  constructor(ec2: Ec2World) {
    this.ec2 = ec2;
  }

  addSubnet(region: string, id: string, vpcId = 'vpc-0a1b2c3d', zone = `${region}a`): void {
    this.subnets.in(region).push({ SubnetId: id, VpcId: vpcId, AvailabilityZone: zone, CidrBlock: `10.0.${this.subnets.in(region).length}.0/24` });
  }

  #id(prefix: string): string {
    return `${prefix}-${(this.#next++).toString(16).padStart(17, '0')}`;
  }

  group(region: string, id: string): SecurityGroup {
    const group = this.securityGroups.in(region).find((candidate) => candidate.GroupId === id);
    if (!group) throw awsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    return group;
  }

  install(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    this.#installSubnetsAndGroups(stub, log);
    this.#installTemplates(stub, log);
    this.#installNetworkInterfaces(stub, log);
    this.#installInstances(stub, log);
  }

  #installNetworkInterfaces(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, CreateNetworkInterfaceCommand, (input, region) => {
      const subnet = this.subnets.in(region).find((candidate) => candidate.SubnetId === input.SubnetId);
      if (!subnet) throw awsError('InvalidSubnetID.NotFound', `The subnet ID '${input.SubnetId}' does not exist`);
      for (const id of input.Groups ?? []) this.group(region, id);
      const eni: NetworkInterface = {
        NetworkInterfaceId: this.#id('eni'), SubnetId: subnet.SubnetId, VpcId: subnet.VpcId, AvailabilityZone: subnet.AvailabilityZone,
        PrivateIpAddress: `${subnet.CidrBlock!.split('.').slice(0, 3).join('.')}.${this.networkInterfaces.in(region).length + 10}`,
        Groups: (input.Groups ?? []).map((GroupId) => ({ GroupId })), Description: input.Description, Status: 'available',
        TagSet: tagsFor('network-interface', input.TagSpecifications),
      };
      this.networkInterfaces.in(region).push(eni);
      return { NetworkInterface: structuredClone(eni) };
    });
    serve(stub, 'ec2', log, DescribeNetworkInterfacesCommand, (input, region) => this.describeNetworkInterfaces(input, region));
    serve(stub, 'ec2', log, ModifyNetworkInterfaceAttributeCommand, (input, region) => this.modifyNetworkInterface(input, region));
    serve(stub, 'ec2', log, DeleteNetworkInterfaceCommand, (input, region) => {
      const eni = this.networkInterface(region, input.NetworkInterfaceId!);
      if (eni.Status === 'in-use') throw awsError('InvalidNetworkInterface.InUse', `Interface: [${eni.NetworkInterfaceId}] in use.`);
      const list = this.networkInterfaces.in(region);
      list.splice(list.indexOf(eni), 1);
      return {};
    });
  }

  describeNetworkInterfaces(input: DescribeNetworkInterfacesCommandInput, region: string): DescribeNetworkInterfacesCommandOutput {
    this.#detachTerminated(region);
    const found = this.networkInterfaces.in(region).filter((eni) => (!input.NetworkInterfaceIds || input.NetworkInterfaceIds.includes(eni.NetworkInterfaceId!)) &&
      passes(eni.TagSet, input.Filters, { 'subnet-id': () => eni.SubnetId, status: () => eni.Status }));
    const { items, next } = page(found, input.NextToken, input.MaxResults ?? 1000);
    return { NetworkInterfaces: structuredClone(items), NextToken: next, $metadata: {} };
  }

  modifyNetworkInterface(input: ModifyNetworkInterfaceAttributeCommandInput, region: string): object {
    const eni = this.networkInterface(region, input.NetworkInterfaceId!);
    for (const id of input.Groups ?? []) this.group(region, id);
    if (input.Groups) eni.Groups = input.Groups.map((GroupId) => ({ GroupId }));
    return {};
  }

  networkInterface(region: string, id: string): NetworkInterface {
    this.#detachTerminated(region);
    const eni = this.networkInterfaces.in(region).find((candidate) => candidate.NetworkInterfaceId === id);
    if (!eni) throw awsError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${id}' does not exist`);
    return eni;
  }

  /** RunInstances on an existing ENI (device 0): the instance takes its subnet and address, the ENI is in use. */
  #onInterface(region: string, specifications: InstanceNetworkInterfaceSpecification[], templateId: string): NetworkInterface {
    const [primary] = specifications;
    if (specifications.length !== 1 || primary?.DeviceIndex !== 0 || !primary.NetworkInterfaceId) {
      throw awsError('InvalidParameterValue', 'the world launches on one existing network interface at device index 0');
    }
    const groups = this.templateVersions.in(region).find((version) => version.LaunchTemplateId === templateId)?.LaunchTemplateData?.SecurityGroupIds ?? [];
    if (groups.length > 0) throw awsError('InvalidParameterCombination', 'Network interfaces and an instance-level security groups may not be specified on the same request');
    const eni = this.networkInterface(region, primary.NetworkInterfaceId);
    if (eni.Status === 'in-use') throw awsError('InvalidNetworkInterface.InUse', `Interface: [${eni.NetworkInterfaceId}] in use.`);
    return eni;
  }

  #installSubnetsAndGroups(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, DescribeSubnetsCommand, (input, region) => {
      const found = this.subnets.in(region).filter((subnet) => !input.SubnetIds || input.SubnetIds.includes(subnet.SubnetId!));
      if (input.SubnetIds && found.length < input.SubnetIds.length) throw awsError('InvalidSubnetID.NotFound', 'The subnet ID does not exist');
      const { items, next } = page(found, input.NextToken, input.MaxResults ?? 1000);
      return { Subnets: structuredClone(items), NextToken: next };
    });
    serve(stub, 'ec2', log, CreateSecurityGroupCommand, (input, region) => {
      const vpc = input.VpcId ?? 'vpc-default';
      if (this.securityGroups.in(region).some((group) => group.GroupName === input.GroupName && group.VpcId === vpc)) {
        throw awsError('InvalidGroup.Duplicate', `The security group '${input.GroupName}' already exists for VPC '${vpc}'`);
      }
      const group: SecurityGroup = {
        GroupId: this.#id('sg'), GroupName: input.GroupName, Description: input.Description, VpcId: vpc, IpPermissions: [],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], Tags: tagsFor('security-group', input.TagSpecifications),
      };
      this.securityGroups.in(region).push(group);
      return { GroupId: group.GroupId };
    });
    serve(stub, 'ec2', log, DescribeSecurityGroupsCommand, (input, region) => {
      const found = this.securityGroups.in(region).filter((group) => passes(group.Tags, input.Filters, { 'group-name': () => group.GroupName }));
      const { items, next } = page(found, input.NextToken, input.MaxResults ?? 1000);
      return { SecurityGroups: structuredClone(items), NextToken: next };
    });
    serve(stub, 'ec2', log, AuthorizeSecurityGroupIngressCommand, (input, region) => {
      const group = this.group(region, input.GroupId!);
      const added: SecurityGroupRule[] = [];
      for (const rule of atomic(input.IpPermissions)) {
        if (atomic(group.IpPermissions).some((have) => same(have, rule))) throw awsError('InvalidPermission.Duplicate', 'the specified rule already exists');
        group.IpPermissions!.push(rule);
        this.ruleTags.set(this.#ruleId(group.GroupId!, rule), tagsFor('security-group-rule', input.TagSpecifications));
        added.push(this.#rule(group.GroupId!, rule));
      }
      if (added.length > 0) return { Return: true, SecurityGroupRules: added };
      return { Return: true };
    });
    serve(stub, 'ec2', log, RevokeSecurityGroupIngressCommand, (input, region) => {
      const group = this.group(region, input.GroupId!);
      const rules = atomic(group.IpPermissions);
      const ids = input.SecurityGroupRuleIds ?? [];
      const unknown = ids.find((id) => !rules.some((rule) => this.#ruleId(group.GroupId!, rule) === id));
      if (unknown) throw awsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${unknown}' does not exist`);
      const remove = atomic(input.IpPermissions);
      const revoked = rules.filter((rule) => remove.some((candidate) => same(rule, candidate)) || ids.includes(this.#ruleId(group.GroupId!, rule)));
      for (const rule of revoked) this.#forgetRule(group.GroupId!, rule);
      group.IpPermissions = rules.filter((rule) => !revoked.includes(rule));
      return { Return: true };
    });
    serve(stub, 'ec2', log, DescribeSecurityGroupRulesCommand, (input, region) => {
      const found = this.rulesIn(region).filter((rule) => passes(rule.Tags, input.Filters, { 'group-id': () => rule.GroupId }));
      const { items, next } = page(found, input.NextToken, input.MaxResults ?? 1000);
      return { SecurityGroupRules: structuredClone(items), NextToken: next };
    });
    serve(stub, 'ec2', log, DeleteSecurityGroupCommand, (input, region) => {
      this.group(region, input.GroupId!);
      const list = this.securityGroups.in(region);
      list.splice(list.findIndex((group) => group.GroupId === input.GroupId), 1);
      return {};
    });
  }

  /** Every ingress rule of the region's groups, with its id and tags. */
  rulesIn(region: string): SecurityGroupRule[] {
    return this.securityGroups.in(region).flatMap((group) => atomic(group.IpPermissions).map((rule) => this.#rule(group.GroupId!, rule)));
  }

  /** Someone revokes a rule in the console: it is gone, and a rule added again gets a new id. */
  revokeOutOfBand(region: string, groupId: string, ruleId: string): void {
    const group = this.group(region, groupId);
    const rules = atomic(group.IpPermissions);
    const rule = rules.find((candidate) => this.#ruleId(groupId, candidate) === ruleId);
    if (!rule) throw new Error(`no rule ${ruleId} in ${groupId}`);
    this.#forgetRule(groupId, rule);
    group.IpPermissions = rules.filter((candidate) => candidate !== rule);
  }

  #ruleId(groupId: string, rule: IpPermission): string {
    const key = `${groupId} ${ruleKey(rule)}`;
    if (!this.#ruleIds.has(key)) this.#ruleIds.set(key, this.#id('sgr'));
    return this.#ruleIds.get(key)!;
  }

  #forgetRule(groupId: string, rule: IpPermission): void {
    const key = `${groupId} ${ruleKey(rule)}`;
    this.ruleTags.delete(this.#ruleIds.get(key) ?? '');
    this.#ruleIds.delete(key);
  }

  /** An ingress rule as DescribeSecurityGroupRules answers it. */
  #rule(groupId: string, rule: IpPermission): SecurityGroupRule {
    const id = this.#ruleId(groupId, rule);
    const source = rule.UserIdGroupPairs?.[0]?.GroupId;
    return {
      SecurityGroupRuleId: id, GroupId: groupId, IsEgress: false, IpProtocol: rule.IpProtocol, FromPort: rule.FromPort, ToPort: rule.ToPort,
      ...(source ? { ReferencedGroupInfo: { GroupId: source } } : { CidrIpv4: rule.IpRanges?.[0]?.CidrIp }),
      Description: rule.UserIdGroupPairs?.[0]?.Description ?? rule.IpRanges?.[0]?.Description, Tags: structuredClone(this.ruleTags.get(id) ?? []),
    };
  }

  #installTemplates(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, CreateLaunchTemplateCommand, (input, region) => {
      if (this.launchTemplates.in(region).some((template) => template.LaunchTemplateName === input.LaunchTemplateName)) {
        throw awsError('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
      }
      const template: LaunchTemplate = {
        LaunchTemplateId: this.#id('lt'), LaunchTemplateName: input.LaunchTemplateName, DefaultVersionNumber: 1, LatestVersionNumber: 1,
        Tags: tagsFor('launch-template', input.TagSpecifications),
      };
      this.launchTemplates.in(region).push(template);
      this.templateVersions.in(region).push({ LaunchTemplateId: template.LaunchTemplateId, VersionNumber: 1, LaunchTemplateData: structuredClone(input.LaunchTemplateData) as never });
      return { LaunchTemplate: structuredClone(template) };
    });
    serve(stub, 'ec2', log, DescribeLaunchTemplatesCommand, (input, region) => {
      const found = this.launchTemplates.in(region).filter((template) => passes(template.Tags, input.Filters));
      const { items, next } = page(found, input.NextToken, input.MaxResults ?? 1000);
      return { LaunchTemplates: structuredClone(items), NextToken: next };
    });
    serve(stub, 'ec2', log, DescribeLaunchTemplateVersionsCommand, (input, region) => {
      if (!input.LaunchTemplateId && !(input.Versions ?? []).every((version) => version === '$Latest' || version === '$Default')) {
        throw awsError('InvalidParameterCombination', 'without a template, only $Latest or $Default versions');
      }
      const found = this.launchTemplates.in(region).filter((template) => !input.LaunchTemplateId || template.LaunchTemplateId === input.LaunchTemplateId)
        .map((template) => this.templateVersions.in(region).find((version) =>
          version.LaunchTemplateId === template.LaunchTemplateId && version.VersionNumber === template.LatestVersionNumber)!);
      const { items, next } = page(found, input.NextToken, input.MaxResults ?? 200);
      return { LaunchTemplateVersions: structuredClone(items), NextToken: next };
    });
    serve(stub, 'ec2', log, CreateLaunchTemplateVersionCommand, (input, region) => {
      const template = this.#template(region, input.LaunchTemplateId!);
      template.LatestVersionNumber = template.LatestVersionNumber! + 1;
      const version = { LaunchTemplateId: template.LaunchTemplateId, VersionNumber: template.LatestVersionNumber, LaunchTemplateData: structuredClone(input.LaunchTemplateData) as never };
      this.templateVersions.in(region).push(version);
      return { LaunchTemplateVersion: structuredClone(version) };
    });
    serve(stub, 'ec2', log, ModifyLaunchTemplateCommand, (input, region) => {
      const template = this.#template(region, input.LaunchTemplateId!);
      template.DefaultVersionNumber = Number(input.DefaultVersion);
      return { LaunchTemplate: structuredClone(template) };
    });
    serve(stub, 'ec2', log, DeleteLaunchTemplateCommand, (input, region) => {
      const template = this.#template(region, input.LaunchTemplateId!);
      const list = this.launchTemplates.in(region);
      list.splice(list.indexOf(template), 1);
      return { LaunchTemplate: structuredClone(template) };
    });
  }

  #template(region: string, id: string): LaunchTemplate {
    const template = this.launchTemplates.in(region).find((candidate) => candidate.LaunchTemplateId === id);
    if (!template) throw awsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
    return template;
  }

  /** Launches one instance as a template would; used by the Auto Scaling world too. */
  launch(region: string, templateId: string, version: string, subnetId: string, tags: Tag[]): Instance {
    const template = this.#template(region, templateId);
    const number = version === '$Latest' ? template.LatestVersionNumber! : version === '$Default' ? template.DefaultVersionNumber! : Number(version);
    const subnet = this.subnets.in(region).find((candidate) => candidate.SubnetId === subnetId);
    if (!subnet) throw awsError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    const instance = this.ec2.addInstance(region, { subnetId, availabilityZone: subnet.AvailabilityZone, vpcId: subnet.VpcId });
    instance.Tags = [...tags, { Key: 'aws:ec2launchtemplate:id', Value: templateId }, { Key: 'aws:ec2launchtemplate:version', Value: String(number) }];
    return instance;
  }

  #installInstances(stub: AwsClientStub<EC2Client>, log: CallLog): void {
    serve(stub, 'ec2', log, RunInstancesCommand, (input, region) => {
      const known = input.ClientToken ? this.#tokens.get(`${region}/${input.ClientToken}`) : undefined;
      const again = known ? this.ec2.instances.in(region).find((instance) => instance.InstanceId === known) : undefined;
      if (again) return { Instances: [structuredClone(again)] };
      const template = input.LaunchTemplate!;
      if (input.NetworkInterfaces && input.SubnetId) throw awsError('InvalidParameterCombination', 'Network interfaces and subnet may not be specified on the same request');
      const eni = input.NetworkInterfaces ? this.#onInterface(region, input.NetworkInterfaces, template.LaunchTemplateId!) : undefined;
      const instance = this.launch(region, template.LaunchTemplateId!, template.Version ?? '$Default', eni?.SubnetId ?? input.SubnetId!, tagsFor('instance', input.TagSpecifications));
      if (eni) {
        instance.PrivateIpAddress = eni.PrivateIpAddress;
        instance.NetworkInterfaces = [{ NetworkInterfaceId: eni.NetworkInterfaceId, Attachment: { DeviceIndex: 0 } }];
        Object.assign(eni, { Status: 'in-use', Attachment: { InstanceId: instance.InstanceId, DeviceIndex: 0 } });
      }
      if (input.ClientToken) this.#tokens.set(`${region}/${input.ClientToken}`, instance.InstanceId!);
      const launched = structuredClone(instance);
      this.#proxyJoins(region, instance);
      return { Instances: [launched] };
    });
    serve(stub, 'ec2', log, StartInstancesCommand, (input, region) => {
      for (const instance of this.#instances(region, input.InstanceIds)) instance.State = { Name: 'running' };
      return {};
    });
    serve(stub, 'ec2', log, TerminateInstancesCommand, (input, region) => {
      for (const instance of this.#instances(region, input.InstanceIds)) this.ec2.terminate(instance);
      return {};
    });
  }

  #proxyJoins(region: string, instance: Instance): void {
    const parameter = instance.Tags?.find((tag) => tag.Key === CONFIG_TAG)?.Value;
    const config = parameter === undefined ? undefined : this.configValue(region, parameter);
    const keys = config === undefined ? [] : reportedTags(JSON.parse(config) as ProxyDocument);
    if (this.proxiesJoin) instance.Tags = [...instance.Tags ?? [], ...keys.map((key) => ({ Key: key, Value: new Date().toISOString() }))];
  }

  /**
   * A terminated instance lets its ENI go (AWS takes a while; the world at once), however it was terminated: by
   * TerminateInstances or by a test setting its state.
   */
  #detachTerminated(region: string): void {
    const terminated = (id: string | undefined) => this.ec2.instances.in(region).find((instance) => instance.InstanceId === id)?.State?.Name === 'terminated';
    for (const eni of this.networkInterfaces.in(region).filter((candidate) => terminated(candidate.Attachment?.InstanceId))) {
      eni.Status = 'available';
      delete eni.Attachment;
    }
  }

  #instances(region: string, ids: string[] | undefined): Instance[] {
    return (ids ?? []).map((id) => {
      const instance = this.ec2.instances.in(region).find((candidate) => candidate.InstanceId === id);
      if (!instance) throw awsError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
      return instance;
    });
  }
}

function tagsFor(type: string, specifications: { ResourceType?: string; Tags?: Tag[] }[] | undefined): Tag[] {
  return structuredClone(specifications?.find((specification) => specification.ResourceType === type)?.Tags ?? []);
}

/** IpPermissions split into one source each, as AWS stores rules. */
function atomic(permissions: IpPermission[] | undefined): IpPermission[] {
  return (permissions ?? []).flatMap((permission) => [
    ...(permission.IpRanges ?? []).map((range) => ({ IpProtocol: permission.IpProtocol, FromPort: permission.FromPort, ToPort: permission.ToPort, IpRanges: [range] })),
    ...(permission.UserIdGroupPairs ?? []).map((pair) => ({ IpProtocol: permission.IpProtocol, FromPort: permission.FromPort, ToPort: permission.ToPort, UserIdGroupPairs: [{ GroupId: pair.GroupId, ...(pair.Description ? { Description: pair.Description } : {}) }] })),
  ]);
}

function ruleKey(rule: IpPermission): string {
  return JSON.stringify([rule.IpProtocol, rule.FromPort, rule.ToPort, rule.IpRanges?.[0]?.CidrIp, rule.UserIdGroupPairs?.[0]?.GroupId]);
}

function same(a: IpPermission, b: IpPermission): boolean {
  return a.IpProtocol === b.IpProtocol && a.FromPort === b.FromPort && a.ToPort === b.ToPort &&
    a.IpRanges?.[0]?.CidrIp === b.IpRanges?.[0]?.CidrIp && a.UserIdGroupPairs?.[0]?.GroupId === b.UserIdGroupPairs?.[0]?.GroupId;
}

interface ProxyDocument {
  engine?: string;
  watchdog?: { joinedTag?: string };
  servingTag?: string;
  watchdog_tier?: unknown;
  users?: { admin?: boolean; password?: unknown }[];
}

/** The tags a proxy that came up puts on its instance (for Pgpool-II, pgpool-files does). */
function reportedTags(document: ProxyDocument): string[] {
  if (document.engine !== 'pgpool2') return [document.watchdog?.joinedTag, document.servingTag].filter((key) => key !== undefined);
  if (document.watchdog_tier === undefined) return [SERVING_TAG];
  return (document.users ?? []).some((user) => user.admin === true && user.password !== undefined) ? [WATCHDOG_JOINED_TAG] : [];
}
