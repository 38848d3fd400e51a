// `aws_launch_template`: how a proxy instance starts: AMI, instance type, instance profile, key pair, security
// groups, IMDSv2 required (no token, no metadata: a request forged through the proxy cannot reach the role's
// credentials) and the user data (user-data.ts). A change is a new template version made the default, so the
// Auto Scaling group rolls to it (instance refresh) instead of the template being replaced. Read lists the
// topology's templates (tag-filtered) and the latest version of every template in one paged call each.
import {
  CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, DeleteLaunchTemplateCommand, ModifyLaunchTemplateCommand,
  paginateDescribeLaunchTemplates, paginateDescribeLaunchTemplateVersions,
  type EC2Client, type Filter, type LaunchTemplate, type LaunchTemplateVersion, type RequestLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import type { AttributeValue, ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { addressFilters, objectTags, TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';

export const LAUNCH_TEMPLATE_TYPE = 'aws_launch_template';
const ACTION = {
  describe: 'ec2:DescribeLaunchTemplates',
  versions: 'ec2:DescribeLaunchTemplateVersions',
  create: 'ec2:CreateLaunchTemplate',
  tag: 'ec2:CreateTags',
  createVersion: 'ec2:CreateLaunchTemplateVersion',
  modify: 'ec2:ModifyLaunchTemplate',
  delete: 'ec2:DeleteLaunchTemplate',
  /** Not called: IAM asks it of whoever names an instance profile in a template. */
  passRole: 'iam:PassRole',
} as const;

const TEMPLATE_KEYS = ['image_id', 'instance_type', 'iam_instance_profile', 'key_name', 'security_group_ids', 'user_data', 'http_tokens'] as const;

export function launchTemplateResource(clients: RegionalClients): AwsResourceType {
  const ec2 = (region: string) => clients.of(region).ec2;
  return ownedResourceType<ObservedObject>({
    name: LAUNCH_TEMPLATE_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      image_id: { description: 'the AMI' },
      instance_type: {},
      iam_instance_profile: {},
      key_name: {},
      security_group_ids: {},
      user_data: { description: 'the cloud-init script (no secrets)' },
      http_tokens: { description: 'required: IMDSv2 only' },
      template_id: { computed: true },
      latest_version: { computed: true, changesOnUpdate: true },
    },
    list: (region, context) => templatesWithLatestVersion(ec2(region), region, context),
    observe: (template) => template,
    findOwn: async ({ scope: region, address }, context) => (await ownedTemplates(ec2(region), region, addressFilters(context.topology, address)))
      .map((template) => ({ id: template.LaunchTemplateId!, name: template.LaunchTemplateName!, attributes: {} }))[0],
    adopt: (existing, input) => newVersion(ec2(input.scope), input, existing.id),
    async create(input, context) {
      const created = await awsCall(ACTION.create, input.scope, () => ec2(input.scope).send(new CreateLaunchTemplateCommand({
        LaunchTemplateName: input.name, LaunchTemplateData: templateData(input.attributes),
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: objectTags(context.topology, String(input.attributes.cluster), input.address, input.name) }],
      })));
      return observedFrom(input, created.LaunchTemplate!.LaunchTemplateId!, created.LaunchTemplate!.LatestVersionNumber ?? 1);
    },
    update: async (current, input) => newVersion(ec2(input.scope), input, current.id),
    remove: {
      action: ACTION.delete,
      send: (region, { id }) => ec2(region).send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: id })),
      gone: named('InvalidLaunchTemplateId.NotFound'),
    },
  });
}

/** The topology's templates, each with its latest version (one paged call for every template's). */
async function templatesWithLatestVersion(ec2: EC2Client, region: string, context: ProviderContext): Promise<ObservedObject[]> {
  const templates = await ownedTemplates(ec2, region, topologyFilters(context.topology));
  if (templates.length === 0) return [];
  const latest = await awsCall(ACTION.versions, region, () =>
    allPages(paginateDescribeLaunchTemplateVersions({ client: ec2, pageSize: 200 }, { Versions: ['$Latest'] }), (page) => page.LaunchTemplateVersions));
  return templates.flatMap((template) => {
    const version = latest.find((candidate) => candidate.LaunchTemplateId === template.LaunchTemplateId);
    return version ? [observe(template, version, region)] : [];
  });
}

async function ownedTemplates(ec2: EC2Client, region: string, Filters: Filter[]): Promise<LaunchTemplate[]> {
  return awsCall(ACTION.describe, region,
    () => allPages(paginateDescribeLaunchTemplates({ client: ec2, pageSize: 200 }, { Filters }), (page) => page.LaunchTemplates));
}

async function newVersion(ec2: EC2Client, input: OperationInput, templateId: string): Promise<ObservedObject> {
  const created = await awsCall(ACTION.createVersion, input.scope, () => ec2.send(new CreateLaunchTemplateVersionCommand({
    LaunchTemplateId: templateId, LaunchTemplateData: templateData(input.attributes),
  })));
  const version = created.LaunchTemplateVersion!.VersionNumber!;
  await awsCall(ACTION.modify, input.scope, () => ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: String(version) })));
  return observedFrom(input, templateId, version);
}

export function templateData(attributes: Record<string, AttributeValue>): RequestLaunchTemplateData {
  const optional = (value: AttributeValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
  const profile = optional(attributes.iam_instance_profile);
  return {
    ImageId: String(attributes.image_id),
    InstanceType: String(attributes.instance_type) as RequestLaunchTemplateData['InstanceType'],
    ...(profile ? { IamInstanceProfile: { Name: profile } } : {}),
    ...(optional(attributes.key_name) ? { KeyName: optional(attributes.key_name) } : {}),
    SecurityGroupIds: (attributes.security_group_ids ?? []) as string[],
    UserData: Buffer.from(String(attributes.user_data)).toString('base64'),
    MetadataOptions: {
      HttpTokens: attributes.http_tokens === 'optional' ? 'optional' : 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1,
      InstanceMetadataTags: 'enabled', // the user data reads its config's name from a tag
    },
  };
}

function observe(template: LaunchTemplate, version: LaunchTemplateVersion, region: string): ObservedObject {
  const data = version.LaunchTemplateData ?? {};
  const tags = tagMap(template.Tags);
  return {
    id: template.LaunchTemplateId!, name: tags[TAG.name] ?? template.LaunchTemplateName!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null,
      image_id: data.ImageId ?? null,
      instance_type: data.InstanceType ?? null,
      iam_instance_profile: data.IamInstanceProfile?.Name ?? null,
      key_name: data.KeyName ?? null,
      security_group_ids: data.SecurityGroupIds ?? [],
      user_data: data.UserData ? Buffer.from(data.UserData, 'base64').toString() : null,
      http_tokens: data.MetadataOptions?.HttpTokens ?? 'optional',
      template_id: template.LaunchTemplateId!,
      latest_version: version.VersionNumber ?? null,
      region,
    },
  };
}

function observedFrom(input: OperationInput, templateId: string, version: number): ObservedObject {
  const declared = Object.fromEntries(TEMPLATE_KEYS.map((key) => [key, input.attributes[key] ?? null]));
  return {
    id: templateId, name: input.name,
    attributes: { cluster: input.attributes.cluster ?? null, ...declared, template_id: templateId, latest_version: version, region: input.scope },
  };
}
