// `aws_ami_parameter`: the default AMI of the proxies when `ami` is not declared: the latest Debian 12 image of
// the region, from the public SSM parameters Debian publishes (`/aws/service/debian/release/12/latest/<arch>`),
// read at plan time, so a new Debian image shows in the plan as a launch template change (and an instance
// refresh), never silently. One GetParameters call per region reads both architectures.
import { GetParametersCommand } from '@aws-sdk/client-ssm';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';

export const AMI_PARAMETER_TYPE = 'aws_ami_parameter';
const ACTION = { get: 'ssm:GetParameters' } as const;

/** Graviton instance families carry a `g` after the generation: c7g, m7gd, t4g, c7gn. */
export function architectureOf(instanceType: string): 'amd64' | 'arm64' {
  return /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType) ? 'arm64' : 'amd64';
}

export function defaultAmiParameter(instanceType: string): string {
  return `/aws/service/debian/release/12/latest/${architectureOf(instanceType)}`;
}

export function amiParameterSource(clients: RegionalClients): AwsResourceType {
  return {
    name: AMI_PARAMETER_TYPE,
    mode: 'data',
    iamActions: Object.values(ACTION),
    attributes: { image_id: { computed: true } },
    async read(region) {
      const names = [defaultAmiParameter('t3.medium'), defaultAmiParameter('t4g.medium')];
      const answer = await awsCall(ACTION.get, region, () => clients.of(region).ssm.send(new GetParametersCommand({ Names: names })));
      return (answer.Parameters ?? []).map((parameter) => ({ id: parameter.Value!, name: parameter.Name!, attributes: { image_id: parameter.Value! } }));
    },
  };
}
