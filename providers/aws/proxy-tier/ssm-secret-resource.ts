// `aws_ssm_secret`: one password the proxies read, as an SSM SecureString (`…/secrets/<key>`, encrypted with the
// account's `aws/ssm` key). The value reaches AWS only in the PutParameter call; state keeps the keyed hash and the
// reference, and read never decrypts it (nothing here may hold it in clear), so a value changed outside pgtopo is
// not seen; the parameter's version is, as drift.
import type { ParameterMetadata } from '@aws-sdk/client-ssm';
import type { ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { regionOf } from './observed-region.ts';
import { objectTags } from '../aws-tags.ts';
import { createParameter, deleteParameter, overwriteParameter, ownedParameters, SSM_ACTION, type ParameterWrite } from './ssm-parameters.ts';

export const SSM_SECRET_TYPE = 'aws_ssm_secret';
const DESCRIPTION = 'A password of the pgtopo proxy tier (managed by pgtopo)';

export function ssmSecretResource(clients: RegionalClients): AwsResourceType {
  return {
    name: SSM_SECRET_TYPE,
    mode: 'managed',
    iamActions: [SSM_ACTION.describe, SSM_ACTION.put, SSM_ACTION.addTags, SSM_ACTION.listTags, SSM_ACTION.delete],
    attributes: {
      value: { sensitive: true, description: 'the password (state keeps its keyed hash)' },
      cluster: { forceNew: true, description: 'the cluster whose proxies read it' },
      version: { computed: true },
      region: { computed: true },
    },
    async read(region, context) {
      const parameters = await ownedParameters(clients.of(region).ssm, region, context.topology, 'SecureString');
      return parameters.map((parameter) => observe(parameter, region));
    },
    async create(input, context) {
      const version = await createParameter(clients.of(input.scope).ssm, input.scope, secretWrite(input, context));
      return { id: input.name, name: input.name, attributes: { value: null, cluster: input.attributes.cluster ?? null, version, region: input.scope } };
    },
    async update(current, input, _changed, context) {
      const version = await overwriteParameter(clients.of(input.scope).ssm, input.scope, secretWrite(input, context));
      return { ...current, attributes: { ...current.attributes, version } };
    },
    async delete(current) {
      const region = regionOf(current);
      await deleteParameter(clients.of(region).ssm, region, current.id);
    },
  };
}

function secretWrite(input: OperationInput, context: ProviderContext): ParameterWrite {
  const cluster = String(input.attributes.cluster);
  return {
    name: input.name, address: input.address, value: String(input.attributes.value ?? ''), type: 'SecureString', description: DESCRIPTION,
    tags: objectTags(context.topology, cluster, input.address, input.name),
  };
}

function observe(parameter: ParameterMetadata, region: string): ObservedObject {
  return {
    id: parameter.Name!, name: parameter.Name!,
    attributes: { value: null, cluster: clusterOfParameter(parameter.Name!), version: parameter.Version ?? null, region },
  };
}

/** `/pgtopo/<topology>/<cluster>/…` → `<cluster>`. */
export function clusterOfParameter(name: string): string | null {
  return name.split('/')[3] ?? null;
}
