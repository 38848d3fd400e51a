// TLS from SSM parameters on EC2 (`tls.certParameter`, `keyParameter`, `caParameter`): the operator writes them,
// the plan checks they exist (naming every missing one with the command that creates it) and never reads a value,
// and the proxies' config names them, so the key stays between Parameter Store and the proxies; destroy leaves them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { EXAMPLE_REGION, exampleWorkspace, scratchDirectory, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-tls-');
const currentWorld = useExampleWorld();
let world: AwsWorld;
const region = EXAMPLE_REGION.ec2;
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nnever-read-by-pgtopo\n-----END PRIVATE KEY-----\n';

beforeEach(() => {
  world = currentWorld();
  seedExample(world, 'ec2');
});

/** The ec2 example with the proxies' certificate and key in SSM parameters. */
function withTlsParameters(): string {
  const file = exampleWorkspace(dir, 'ec2');
  const text = readFileSync(file, 'utf8').replace('      pooling: {', '      tls: { certParameter: /shop/tls/cert, keyParameter: /shop/tls/key, client: require }\n      pooling: {');
  writeFileSync(file, text);
  return file;
}

function putParameter(name: string, value: string, type: 'String' | 'SecureString'): void {
  world.ssm.parameters.in(region).push({ Name: name, Type: type, Tier: 'Standard', Version: 1, Tags: [], Value: value });
}

describe('TLS parameters on ec2', () => {
  it('fail the plan while they do not exist, naming each with the command that creates it', async () => {
    const file = withTlsParameters();
    const plan = await runCliCaptured(['plan', file]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`the proxies' TLS parameters do not exist in ${region}`);
    expect(plan.stderr).toContain(`/shop/tls/cert (clusters.orders.proxy.tls.certParameter): aws ssm put-parameter --region ${region} --name /shop/tls/cert --type String --value file://tls.crt`);
    expect(plan.stderr).toContain(`/shop/tls/key (clusters.orders.proxy.tls.keyParameter): aws ssm put-parameter --region ${region} --name /shop/tls/key --type SecureString --value file://tls.key`);
    expect(plan.stderr).not.toMatch(/^\s+at /m);
  });

  it('once they exist: the proxies\' config names them, and no value is read', async () => {
    putParameter('/shop/tls/cert', '-----BEGIN CERTIFICATE-----\nc\n-----END CERTIFICATE-----\n', 'String');
    putParameter('/shop/tls/key', KEY_PEM, 'SecureString');
    const file = withTlsParameters();
    const applied = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const config = world.ssm.find(region, '/pgtopo/shop/orders/proxy-config/0');
    expect(JSON.parse(config!.Value).tls).toEqual({ certParameter: '/shop/tls/cert', keyParameter: '/shop/tls/key', client: 'require' });
    const reads = world.log.calls.filter((call) => /^ssm:GetParameters?$/.test(call.action))
      .flatMap((call) => (call.input as { Names?: string[]; Name?: string }).Names ?? [(call.input as { Name?: string }).Name]);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads).not.toContain('/shop/tls/key');
    expect(reads).not.toContain('/shop/tls/cert');
    const state = readFileSync(join(file, '..', '.pgtopo', 'state.json'), 'utf8');
    expect(state).not.toContain('never-read-by-pgtopo');
    const plan = await runCliCaptured(['plan', file, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    // They stay the operator's: destroy removes pgtopo's parameters and leaves them.
    const destroyed = await runCliCaptured(['destroy', file, '--auto-approve']);
    expect(destroyed.code, destroyed.stdout + destroyed.stderr).toBe(0);
    expect(world.ssm.find(region, '/pgtopo/shop/orders/proxy-config/0')).toBeUndefined();
    expect(world.ssm.find(region, '/shop/tls/key')?.Value).toBe(KEY_PEM);
    expect(world.ssm.find(region, '/shop/tls/cert')).toBeDefined();
  });
});
