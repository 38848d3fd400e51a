// `aws_tls_parameter`: an SSM parameter a cluster's proxies read their TLS material from (`tls.certParameter`,
// `keyParameter`, `caParameter`). The operator writes them and pgtopo never reads their values (the key stays
// between Parameter Store and the proxies); the plan only checks that each exists, with one DescribeParameters per
// region for every declared name, so a missing one fails the plan instead of every proxy at start.
import { paginateDescribeParameters, type ParameterMetadata } from '@aws-sdk/client-ssm';
import { tlsParametersIn, type TlsParameterSetting } from '../../../proxy/config/tls-parameters.ts';
import { TLS_PARAMETER_FILES } from '../../../proxy/pgpool2/tls-parameter-files.ts';
import type { Cluster } from '../../../schemas/topology.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import { allPages } from '../aws-pages.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';

export const TLS_PARAMETER_TYPE = 'aws_tls_parameter';
const ACTION = { describe: 'ssm:DescribeParameters' } as const;
/** DescribeParameters takes at most 50 values in one filter. */
const NAMES_PER_CALL = 50;

/** A TLS parameter a cluster declares: its name and the setting that names it. */
export interface DeclaredTlsParameter {
  cluster: string;
  setting: TlsParameterSetting;
  name: string;
}

const SECURE: Record<TlsParameterSetting, boolean> = { certParameter: false, keyParameter: true, caParameter: false };

export function tlsParametersOf(clusterName: string, cluster: Cluster): DeclaredTlsParameter[] {
  return tlsParametersIn(cluster.proxy?.tls).map((parameter) => ({ cluster: clusterName, ...parameter }));
}

/** `declared(region)`: the parameters this run's clusters in that region take TLS material from. */
export function tlsParameterSource(clients: RegionalClients, declared: (region: string) => DeclaredTlsParameter[]): AwsResourceType {
  return {
    name: TLS_PARAMETER_TYPE,
    mode: 'data',
    iamActions: Object.values(ACTION),
    attributes: { type: { computed: true }, version: { computed: true } },
    async read(region) {
      const wanted = declared(region);
      const names = [...new Set(wanted.map(({ name }) => name))];
      const found: ParameterMetadata[] = [];
      for (let start = 0; start < names.length; start += NAMES_PER_CALL) {
        const ParameterFilters = [{ Key: 'Name', Option: 'Equals', Values: names.slice(start, start + NAMES_PER_CALL) }];
        found.push(...await awsCall(ACTION.describe, region,
          () => allPages(paginateDescribeParameters({ client: clients.of(region).ssm, pageSize: 50 }, { ParameterFilters }), (page) => page.Parameters)));
      }
      const missing = wanted.filter(({ name }) => !found.some((parameter) => parameter.Name === name));
      if (missing.length > 0) throw new Error(missingMessage(missing, region));
      return found.map((parameter) => ({ id: parameter.Name!, name: parameter.Name!, attributes: { type: parameter.Type ?? null, version: parameter.Version ?? null } }));
    },
  };
}

/** Every missing parameter at once, each with the command that creates it. */
function missingMessage(missing: DeclaredTlsParameter[], region: string): string {
  const lines = missing.map(({ cluster, setting, name }) =>
    `  ${name} (clusters.${cluster}.proxy.tls.${setting}): aws ssm put-parameter --region ${region} --name ${name} --type ${SECURE[setting] ? 'SecureString' : 'String'} --value file://${TLS_PARAMETER_FILES[setting]}`);
  return `the proxies' TLS parameters do not exist in ${region}; create them (an Advanced tier, \`--tier Advanced\`, for a value over 4 KB):\n${lines.join('\n')}`;
}
