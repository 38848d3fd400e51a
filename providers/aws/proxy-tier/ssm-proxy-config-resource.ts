// `aws_ssm_proxy_config`: the rendered proxy config as an SSM String parameter (`…/proxy-config`, Advanced tier
// when over 4 KB), which the proxies fetch at start (`pgtopo proxy --config ssm:<name>`) and on change. It holds
// no secret: passwords are `{ ssm: <SecureString name> }` references (ssm-secret-delivery.ts). Read fetches the
// values (ten a call) so an edit made outside pgtopo shows as drift and the next apply writes the config back.
import type { ParameterMetadata } from '@aws-sdk/client-ssm';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue, ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { objectTags } from '../aws-tags.ts';
import { ownedResourceType } from './owned-resource-type.ts';
import { parseConfig, renderConfig, type NodeSettings } from './proxy-config-document.ts';
import {
  createParameter, overwriteParameter, ownedParameters, parameterValues, removeParameter, SSM_ACTION, tierFor, type ParameterWrite,
} from './ssm-parameters.ts';
import { clusterOfParameter } from './ssm-secret-resource.ts';

export const SSM_PROXY_CONFIG_TYPE = 'aws_ssm_proxy_config';

export function ssmProxyConfigResource(clients: RegionalClients): AwsResourceType {
  const ssm = (region: string) => clients.of(region).ssm;
  return ownedResourceType<ObservedObject>({
    name: SSM_PROXY_CONFIG_TYPE,
    actions: SSM_ACTION,
    attributes: {
      cluster: { forceNew: true, description: 'the cluster whose proxies read it' },
      document: { appliesBy: 'reload', description: 'the proxy config without its backends' },
      backends: { appliesBy: 'reload', description: 'the backends, from the database data source' },
      node_settings: { appliesBy: 'reload', description: 'weight and flags of each backend node' },
      tier: { computed: true },
      version: { computed: true },
    },
    async list(region, context) {
      const parameters = await ownedParameters(ssm(region), region, context.topology, 'String');
      const values = await parameterValues(ssm(region), region, parameters.map((parameter) => parameter.Name!));
      return parameters.filter((parameter) => values.has(parameter.Name!)).map((parameter) => observe(parameter, values.get(parameter.Name!)!, region));
    },
    observe: (config) => config,
    async create(input, context) {
      const write = configWrite(input, context);
      return written(input, write, await createParameter(ssm(input.scope), input.scope, write));
    },
    async update(_current, input, _changed, context) {
      const write = configWrite(input, context);
      return written(input, write, await overwriteParameter(ssm(input.scope), input.scope, write));
    },
    remove: removeParameter(ssm),
  });
}

function configWrite(input: OperationInput, context: ProviderContext): ParameterWrite {
  const { value, description } = renderConfig({
    document: input.attributes.document as Record<string, AttributeValue>,
    backends: input.attributes.backends as unknown as BackendAddress[],
    nodeSettings: input.attributes.node_settings as unknown as Record<string, NodeSettings>,
  });
  const cluster = String(input.attributes.cluster);
  return { name: input.name, address: input.address, value, type: 'String', description, tags: objectTags(context.topology, cluster, input.address, input.name) };
}

function written(input: OperationInput, write: ParameterWrite, version: number): ObservedObject {
  return {
    id: input.name, name: input.name,
    attributes: { ...observedParts(write.value, write.description), cluster: input.attributes.cluster ?? null, tier: tierFor(write.value), version, region: input.scope },
  };
}

function observe(parameter: ParameterMetadata, value: string, region: string): ObservedObject {
  return {
    id: parameter.Name!, name: parameter.Name!,
    attributes: {
      ...observedParts(value, parameter.Description), cluster: clusterOfParameter(parameter.Name!),
      tier: parameter.Tier ?? null, version: parameter.Version ?? null, region,
    },
  };
}

function observedParts(value: string, description: string | undefined): Record<string, AttributeValue> {
  const parts = parseConfig(value, description);
  return { document: parts.document, backends: parts.backends as unknown as AttributeValue, node_settings: parts.nodeSettings as unknown as AttributeValue };
}
