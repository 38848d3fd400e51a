// SSM Parameter Store as the tests' AWS world keeps it, per region: parameters with type, tier, version,
// description and tags. PutParameter refuses to overwrite without Overwrite and to tag with it (as AWS does);
// DescribeParameters honours `tag:<key>`, `Type` and `Name` (Equals) filters and MaxResults/NextToken paging; GetParameters takes
// at most 10 names and also answers Debian's public AMI parameters; GetParameter serves the proxies' own reads.
import {
  DeleteParameterCommand, DescribeParametersCommand, GetParameterCommand, GetParametersCommand, ListTagsForResourceCommand, PutParameterCommand,
  type SSMClient, type Tag,
} from '@aws-sdk/client-ssm';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { passes } from './tag-filters.ts';
import { awsError, page, Regional, serve, type CallLog } from './world-calls.ts';

export interface StoredParameter {
  Name: string;
  Value: string;
  Type: string;
  Tier: string;
  Version: number;
  Description?: string;
  Tags: Tag[];
}

export class SsmWorld {
  readonly parameters = new Regional<StoredParameter>();

  find(region: string, name: string): StoredParameter | undefined {
    return this.parameters.in(region).find((parameter) => parameter.Name === name);
  }

  install(stub: AwsClientStub<SSMClient>, log: CallLog): void {
    serve(stub, 'ssm', log, PutParameterCommand, (input, region) => {
      const existing = this.find(region, input.Name!);
      if (existing && !input.Overwrite) throw awsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
      if (existing && input.Tags) throw awsError('ValidationException', 'Invalid request: tags and overwrite can\'t be used together.');
      if (Buffer.byteLength(input.Value ?? '') > (input.Tier === 'Advanced' ? 8192 : 4096)) throw awsError('ParameterMaxVersionLimitExceeded', 'value too large for the tier');
      const stored: StoredParameter = existing ?? { Name: input.Name!, Value: '', Type: input.Type ?? 'String', Tier: 'Standard', Version: 0, Tags: input.Tags ?? [] };
      Object.assign(stored, { Value: input.Value!, Type: input.Type ?? stored.Type, Tier: input.Tier ?? stored.Tier, Version: stored.Version + 1, Description: input.Description });
      if (!existing) this.parameters.in(region).push(stored);
      return { Version: stored.Version, Tier: stored.Tier };
    });
    serve(stub, 'ssm', log, DescribeParametersCommand, (input, region) => {
      const size = input.MaxResults ?? 50;
      if (size > 50) throw awsError('ValidationException', 'MaxResults must be at most 50');
      const found = this.parameters.in(region).filter((parameter) => passes(parameter.Tags, input.ParameterFilters, { Type: () => parameter.Type, Name: () => parameter.Name }));
      const { items, next } = page(found, input.NextToken, size);
      return {
        Parameters: items.map(({ Name, Type, Tier, Version, Description }) => ({ Name, Type, Tier, Version, Description } as never)),
        NextToken: next,
      };
    });
    serve(stub, 'ssm', log, GetParametersCommand, (input, region) => {
      if ((input.Names ?? []).length > 10) throw awsError('ValidationException', 'at most 10 names');
      const found = (input.Names ?? []).map((name) => (name.startsWith('/aws/service/') ? publicParameter(name, region) : this.find(region, name)));
      return {
        Parameters: found.filter((parameter) => parameter !== undefined).map(({ Name, Value, Type, Version }) => ({ Name, Value, Type, Version } as never)),
        InvalidParameters: (input.Names ?? []).filter((_, index) => found[index] === undefined),
      };
    });
    // What a proxy instance calls with its role (proxy/config/ssm-parameters.ts), for its config document.
    serve(stub, 'ssm', log, GetParameterCommand, (input, region) => {
      const parameter = this.find(region, input.Name!);
      if (!parameter) throw awsError('ParameterNotFound', `Parameter ${input.Name} not found.`);
      const { Name, Value, Type, Version } = parameter;
      return { Parameter: { Name, Value, Type, Version } as never };
    });
    serve(stub, 'ssm', log, ListTagsForResourceCommand, (input, region) => {
      const parameter = this.find(region, input.ResourceId!);
      if (!parameter) throw awsError('InvalidResourceId', `${input.ResourceId} not found`);
      return { TagList: structuredClone(parameter.Tags) };
    });
    serve(stub, 'ssm', log, DeleteParameterCommand, (input, region) => {
      const list = this.parameters.in(region);
      const index = list.findIndex((parameter) => parameter.Name === input.Name);
      if (index < 0) throw awsError('ParameterNotFound', `Parameter ${input.Name} not found.`);
      list.splice(index, 1);
      return {};
    });
  }
}

/** Debian's public AMI parameters: one image id per region and architecture. */
function publicParameter(name: string, region: string): StoredParameter | undefined {
  const arch = /^\/aws\/service\/debian\/release\/12\/latest\/(amd64|arm64)$/.exec(name)?.[1];
  if (!arch) return undefined;
  const id = Buffer.from(`${region}${arch}`).toString('hex').slice(0, 17);
  return { Name: name, Value: `ami-${id}`, Type: 'String', Tier: 'Standard', Version: 1, Tags: [] };
}
