// The export's rules that the examples do not reach: every resource type of the AWS provider is accounted for,
// strings from the topology or the world are never read as Terraform templates, and what cannot be exported
// (an unmapped type, an attribute no mapping exposes, a secret) stops the export with the address named.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awsProvider } from '../../../../providers/aws/aws-provider.ts';
import { exportTerraform } from '../../../../providers/aws/terraform/terraform-export.ts';
import { LEFT_OUT, mappingOf, OPERATORS_OWN, READ_AT_EXPORT } from '../../../../providers/aws/terraform/terraform-mappings.ts';
import { topologyIdentity, type DesiredResource } from '../../../../providers/provider.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-tf-mappings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const subnet: DesiredResource = { address: 'c.proxy_subnet', type: 'aws_subnet', name: 'subnet-${oops}', scope: 'eu-west-1', attributes: {} };
const group = (attributes: DesiredResource['attributes']): DesiredResource => ({
  address: 'c.proxy_security_group', type: 'aws_security_group', name: 'pgtopo-t-c-%{x}-proxy', scope: 'eu-west-1',
  attributes: { cluster: 'c', ingress: [], ...attributes },
});

function exported(desired: DesiredResource[], managed: { address: string; id: string }[] = []) {
  const out = mkdtempSync(join(dir, 'out-'));
  const result = exportTerraform({ topology: topologyIdentity('t'), clusterName: 'c', region: 'eu-west-1', desired, dataSources: {}, managed, outDir: out });
  return { result, json: JSON.parse(readFileSync(result.file, 'utf8')) };
}

describe('the Terraform mappings', () => {
  it('account for every resource type of the AWS provider', () => {
    const unaccounted = awsProvider().resourceTypes.map((type) => type.name)
      .filter((name) => !mappingOf(name) && ![...READ_AT_EXPORT, ...LEFT_OUT, ...OPERATORS_OWN].includes(name));
    expect(unaccounted).toEqual([]);
  });

  it('escape template sequences in literal strings and leave references as references', () => {
    const { json } = exported([subnet, group({ vpc_id: { $ref: subnet.address, attribute: 'vpc_id' } })]);
    expect(json.data.aws_subnet.c_proxy_subnet.id).toBe('subnet-$${oops}');
    const sg = json.resource.aws_security_group.c_proxy_security_group;
    expect(sg.name).toBe('pgtopo-t-c-%%{x}-proxy');
    expect(sg.vpc_id).toBe('${data.aws_subnet.c_proxy_subnet.vpc_id}');
  });

  it('import only what pgtopo manages, by its id', () => {
    const { result, json } = exported([subnet, group({ vpc_id: 'vpc-1' })], [{ address: 'c.proxy_security_group', id: 'sg-0f' }]);
    expect(json.import).toEqual([{ id: 'sg-0f', to: 'aws_security_group.c_proxy_security_group' }]);
    expect(result.imports).toEqual([{ address: 'c.proxy_security_group', to: 'aws_security_group.c_proxy_security_group', id: 'sg-0f' }]);
  });

  it('stop at a type without a mapping, an attribute no mapping exposes, and a secret', () => {
    expect(() => exported([{ ...subnet, type: 'aws_new_thing' }])).toThrow(/c\.proxy_subnet: no Terraform mapping for aws_new_thing/);
    expect(() => exported([subnet, group({ vpc_id: { $ref: subnet.address, attribute: 'cidr' } })]))
      .toThrow(/c\.proxy_security_group\.vpc_id: the Terraform mapping of c\.proxy_subnet does not say where its cidr is/);
    expect(() => exported([group({ vpc_id: { $secret: { fromEnv: 'X' } } })])).toThrow(/c\.proxy_security_group\.vpc_id: a secret never goes into Terraform/);
  });
});
