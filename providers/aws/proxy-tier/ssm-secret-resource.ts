// `aws_ssm_secret`: one password the proxies read, as an SSM SecureString (`…/secrets/<key>`, encrypted with the
// account's `aws/ssm` key). The value reaches AWS only in the PutParameter call; state keeps the keyed hash and the
// reference, and read never decrypts it (nothing here may hold it in clear), so a value changed outside pgtopo is
// not seen; the parameter's version is, as drift.
import type { ParameterMetadata } from '@aws-sdk/client-ssm';
import type { ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { objectTags } from '../aws-tags.ts';
import { ownedResourceType } from './owned-resource-type.ts';
import { isWatchdogKeyParameter } from './proxy-tier-names.ts';
import { createParameter, overwriteParameter, ownedParameters, removeParameter, SSM_ACTION, type ParameterWrite } from './ssm-parameters.ts';

export const SSM_SECRET_TYPE = 'aws_ssm_secret';
const DESCRIPTION = 'A password of the pgtopo proxy tier (managed by pgtopo)';

export function ssmSecretResource(clients: RegionalClients): AwsResourceType {
  const ssm = (region: string) => clients.of(region).ssm;
  return ownedResourceType<ParameterMetadata>({
    name: SSM_SECRET_TYPE,
    actions: { describe: SSM_ACTION.describe, put: SSM_ACTION.put, addTags: SSM_ACTION.addTags, listTags: SSM_ACTION.listTags, delete: SSM_ACTION.delete },
    attributes: {
      value: { sensitive: true, description: 'the password (state keeps its keyed hash)' },
      cluster: { forceNew: true, description: 'the cluster whose proxies read it' },
      version: { computed: true },
    },
    // The watchdog's key is a SecureString too, but a type of its own (ssm-watchdog-key-resource.ts).
    list: async (region, context) => (await ownedParameters(ssm(region), region, context.topology, 'SecureString'))
      .filter((parameter) => !isWatchdogKeyParameter(parameter.Name!)),
    observe,
    async create(input, context) {
      const version = await createParameter(ssm(input.scope), input.scope, secretWrite(input, context));
      return { id: input.name, name: input.name, attributes: { value: null, cluster: input.attributes.cluster ?? null, version, region: input.scope } };
    },
    async update(current, input, _changed, context) {
      const version = await overwriteParameter(ssm(input.scope), input.scope, secretWrite(input, context));
      return { ...current, attributes: { ...current.attributes, version } };
    },
    remove: removeParameter(ssm),
  });
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
