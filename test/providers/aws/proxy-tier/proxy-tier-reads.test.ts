// Reads page through everything and cost calls per type, not per object: 120 SSM parameters take three
// DescribeParameters pages; 45 load balancers one list call and three DescribeTags batches of 20, and the
// topology's objects are told from others' by the owner tag. A config over 4 KB is written to the Advanced tier.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionalClients } from '../../../../providers/aws/aws-clients.ts';
import { loadBalancerResource } from '../../../../providers/aws/proxy-tier/load-balancer-resource.ts';
import { createParameter } from '../../../../providers/aws/proxy-tier/ssm-parameters.ts';
import { ssmSecretResource } from '../../../../providers/aws/proxy-tier/ssm-secret-resource.ts';
import { topologyIdentity, type ProviderContext } from '../../../../providers/provider.ts';
import { installAwsWorld, type AwsWorld } from '../world/aws-world.ts';

const REGION = 'eu-west-1';
const context: ProviderContext = { topology: topologyIdentity('shop'), signal: new AbortController().signal, note: () => {} };
const owner = (address: string) => [{ Key: 'pgtopo:topology', Value: 'pgtopo:shop' }, { Key: 'pgtopo:address', Value: address }, { Key: 'Name', Value: address }];

let world: AwsWorld;
const clients = new RegionalClients();
beforeEach(() => {
  world = installAwsWorld();
  clients.open([REGION]);
});
afterEach(() => {
  clients.closeAll();
  world.restore();
});

describe('proxy-tier reads', () => {
  it('pages through SSM parameters with one tag-filtered call per page', async () => {
    for (let index = 0; index < 120; index++) {
      world.ssm.parameters.in(REGION).push({ Name: `/pgtopo/shop/c${index}/secrets/P`, Value: 'x', Type: 'SecureString', Tier: 'Standard', Version: 1, Tags: owner(`c${index}.proxy_secret[P]`) });
    }
    world.ssm.parameters.in(REGION).push({ Name: '/other/secret', Value: 'x', Type: 'SecureString', Tier: 'Standard', Version: 1, Tags: [] });
    const read = await ssmSecretResource(clients).read(REGION, context);
    expect(read).toHaveLength(120);
    expect(read.every((object) => object.attributes.value === null)).toBe(true);
    expect(world.log.counts()).toEqual({ 'ssm:DescribeParameters': 3 });
  });

  it('lists load balancers once and reads their tags 20 ARNs a call', async () => {
    const { elbv2 } = clients.of(REGION);
    const { CreateLoadBalancerCommand } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    for (let index = 0; index < 45; index++) {
      await elbv2.send(new CreateLoadBalancerCommand({ Name: `pgtopo-${index}-nlb`, Subnets: ['subnet-0a1b'], Tags: index < 40 ? owner(`c${index}.proxy_nlb`) : [] }));
    }
    await elbv2.send(new CreateLoadBalancerCommand({ Name: 'someone-else', Subnets: ['subnet-0a1b'] }));
    world.log.calls.length = 0;
    const read = await loadBalancerResource(clients).read(REGION, context);
    expect(read).toHaveLength(40);
    expect(world.log.counts()).toEqual({ 'elasticloadbalancing:DescribeLoadBalancers': 1, 'elasticloadbalancing:DescribeTags': 3 });
  });

  it('writes a config over 4 KB to the Advanced tier', async () => {
    const value = JSON.stringify({ padding: 'x'.repeat(5000) });
    await createParameter(clients.of(REGION).ssm, REGION, { name: '/pgtopo/shop/c/proxy-config', address: 'c.proxy_config', value, type: 'String', description: '', tags: owner('c.proxy_config') });
    expect(world.ssm.find(REGION, '/pgtopo/shop/c/proxy-config')?.Tier).toBe('Advanced');
  });

  it('refuses to take over a parameter pgtopo did not create', async () => {
    world.ssm.parameters.in(REGION).push({ Name: '/pgtopo/shop/c/proxy-config', Value: 'theirs', Type: 'String', Tier: 'Standard', Version: 1, Tags: [] });
    await expect(createParameter(clients.of(REGION).ssm, REGION, {
      name: '/pgtopo/shop/c/proxy-config', address: 'c.proxy_config', value: '{}', type: 'String', description: '', tags: owner('c.proxy_config'),
    })).rejects.toThrow(/already exists in eu-west-1 and pgtopo did not create it/);
    expect(world.ssm.find(REGION, '/pgtopo/shop/c/proxy-config')?.Value).toBe('theirs');
  });
});
