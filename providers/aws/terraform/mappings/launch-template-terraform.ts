// pgtopo's launch template → `aws_launch_template`, from the very request data pgtopo sends (templateData): AMI,
// type, profile, key, groups, base64 user data and the IMDSv2 options. A change makes a new default version, as
// pgtopo does, so the Auto Scaling group rolls instead of the template being replaced.
import { LAUNCH_TEMPLATE_TYPE, templateData } from '../../proxy-tier/launch-template-resource.ts';
import type { AttributeValue } from '../../../provider.ts';
import { terraformTags, type TerraformMapping, type TerraformValue } from '../terraform-mapping.ts';

export const launchTemplateTerraform: TerraformMapping = {
  from: LAUNCH_TEMPLATE_TYPE,
  to: 'aws_launch_template',
  mode: 'resource',
  exposes: { template_id: 'id', latest_version: 'latest_version' },
  arguments(resource, topology) {
    const data = templateData(resource.attributes as Record<string, AttributeValue>);
    const metadata = data.MetadataOptions ?? {};
    const optional: Record<string, TerraformValue> = {
      ...(data.IamInstanceProfile?.Name ? { iam_instance_profile: { name: data.IamInstanceProfile.Name } } : {}),
      ...(data.KeyName ? { key_name: data.KeyName } : {}),
    };
    return {
      name: resource.name,
      image_id: data.ImageId ?? null,
      instance_type: data.InstanceType ?? null,
      ...optional,
      vpc_security_group_ids: data.SecurityGroupIds ?? [],
      user_data: data.UserData ?? null,
      metadata_options: {
        http_tokens: metadata.HttpTokens ?? null, http_endpoint: metadata.HttpEndpoint ?? null,
        http_put_response_hop_limit: metadata.HttpPutResponseHopLimit ?? null, instance_metadata_tags: metadata.InstanceMetadataTags ?? null,
      },
      update_default_version: true,
      tags: terraformTags(resource, topology),
    };
  },
};
