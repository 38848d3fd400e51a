// The SSM Parameter Store calls both parameter types make (the proxies' secrets and their rendered config): list
// this topology's parameters of one type with a server-side tag filter (paged), fetch values ten names a call,
// and write a parameter read-before-create style: a parameter that already carries this address's tag (left by
// an interrupted apply) is overwritten, one that does not is someone else's and is refused.
import {
  DeleteParameterCommand, GetParametersCommand, ListTagsForResourceCommand, paginateDescribeParameters, PutParameterCommand,
  type ParameterMetadata, type ParameterTier, type ParameterType, type SSMClient,
} from '@aws-sdk/client-ssm';
import type { TopologyIdentity } from '../../provider.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import { TAG, tagMap, type AwsTag } from '../aws-tags.ts';
import { errorName } from './aws-error-name.ts';
import { named, type OwnedResourceSpec } from './owned-resource-type.ts';

export const SSM_ACTION = {
  describe: 'ssm:DescribeParameters',
  get: 'ssm:GetParameters',
  put: 'ssm:PutParameter',
  /** Not a call of its own: IAM asks it of a PutParameter that sets tags. */
  addTags: 'ssm:AddTagsToResource',
  listTags: 'ssm:ListTagsForResource',
  delete: 'ssm:DeleteParameter',
} as const;

/** Standard parameters hold 4 KB; Advanced ones 8 KB (and cost money, so only when needed). */
export const STANDARD_LIMIT = 4096;
const GET_BATCH = 10;

export async function ownedParameters(ssm: SSMClient, region: string, topology: TopologyIdentity, type: ParameterType): Promise<ParameterMetadata[]> {
  const ParameterFilters = [
    { Key: `tag:${TAG.topology}`, Values: [topology.ownerTag] },
    { Key: 'Type', Option: 'Equals', Values: [type] },
  ];
  return awsCall(SSM_ACTION.describe, region,
    () => allPages(paginateDescribeParameters({ client: ssm, pageSize: 50 }, { ParameterFilters }), (page) => page.Parameters));
}

export async function parameterValues(ssm: SSMClient, region: string, names: string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (let start = 0; start < names.length; start += GET_BATCH) {
    const answer = await awsCall(SSM_ACTION.get, region, () => ssm.send(new GetParametersCommand({ Names: names.slice(start, start + GET_BATCH) })));
    for (const parameter of answer.Parameters ?? []) values.set(parameter.Name!, parameter.Value ?? '');
  }
  return values;
}

export interface ParameterWrite {
  name: string;
  address: string;
  value: string;
  type: ParameterType;
  description: string;
  tags: AwsTag[];
}

export function tierFor(value: string): ParameterTier {
  return Buffer.byteLength(value) > STANDARD_LIMIT ? 'Advanced' : 'Standard';
}

/** Creates the parameter with its tags; adopts one this address already owns. Returns the version written. */
export async function createParameter(ssm: SSMClient, region: string, write: ParameterWrite): Promise<number> {
  const request = { Name: write.name, Value: write.value, Type: write.type, Description: write.description, Tier: tierFor(write.value) };
  try {
    const created = await ssm.send(new PutParameterCommand({ ...request, Tags: write.tags }));
    return created.Version ?? 1;
  } catch (error) {
    if (errorName(error) !== 'ParameterAlreadyExists') return awsCall(SSM_ACTION.put, region, () => Promise.reject(error));
  }
  const tags = await awsCall(SSM_ACTION.listTags, region,
    () => ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: write.name })));
  if (tagMap(tags.TagList)[TAG.address] !== write.address) {
    throw new Error(`${write.address}: SSM parameter ${write.name} already exists in ${region} and pgtopo did not create it; ` +
      'delete or rename it, or adopt it with pgtopo import');
  }
  return overwriteParameter(ssm, region, write);
}

export async function overwriteParameter(ssm: SSMClient, region: string, write: ParameterWrite): Promise<number> {
  const request = { Name: write.name, Value: write.value, Type: write.type, Description: write.description, Tier: tierFor(write.value), Overwrite: true };
  const written = await awsCall(SSM_ACTION.put, region, () => ssm.send(new PutParameterCommand(request)));
  return written.Version ?? 1;
}

/** How the parameter types delete: a parameter gone already is what delete wants. */
export function removeParameter(ssm: (region: string) => SSMClient): OwnedResourceSpec<unknown>['remove'] {
  return {
    action: SSM_ACTION.delete,
    send: (region, { id }) => ssm(region).send(new DeleteParameterCommand({ Name: id })),
    gone: named('ParameterNotFound'),
  };
}
