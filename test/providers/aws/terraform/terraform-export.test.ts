// `pgtopo export terraform` for the three AWS examples in the in-memory AWS world: the synthesized JSON is the
// golden file (stable ids, no absolute paths, no password), every type and argument it uses is in the pinned AWS
// provider's schema (and terraform validate takes it), it says what pgtopo's own apply sends AWS (the fields that
// mappings restate beside the provider's create calls), and after an apply its import blocks carry exactly the ids
// pgtopo's state holds; the printed `pgtopo state rm` then lets go of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseState } from '../../../../engine/state/state-format.ts';
import { repoRoot } from '../../../cli/run-pgtopo.ts';
import { runCliCaptured } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { EXAMPLE_REGION, exampleWorkspace, expectNoSecrets, seedExample, useExampleWorld, type Example } from '../proxy-tier/example-worlds.ts';
import { PROVIDER_ARGUMENTS, unknownArguments } from './terraform-schema-check.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-tf-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local mirror of the pinned AWS provider (the machine's); without it and terraform, `terraform validate` is skipped. */
const PLUGIN_DIR = process.env.PGTOPO_TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const HAS_TERRAFORM = existsSync(join(PLUGIN_DIR, 'registry.terraform.io', PROVIDER_ARGUMENTS.provider, PROVIDER_ARGUMENTS.version))
  && (() => { try { execFileSync('terraform', ['version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

const CLUSTER: Record<Example, string> = { ec2: 'orders', rds: 'billing', aurora: 'analytics' };
const EXAMPLES = Object.keys(CLUSTER) as Example[];

const currentWorld = useExampleWorld();
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

interface Synthesized {
  text: string;
  json: { import?: { id: string; to: string }[]; resource: Record<string, Record<string, Record<string, unknown>>> };
  stdout: string;
}

async function exportCluster(file: string, example: Example): Promise<Synthesized> {
  const out = join(dirname(file), 'terraform');
  const result = await runCliCaptured(['export', 'terraform', file, '--cluster', CLUSTER[example], '--out', out]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const text = readFileSync(join(out, 'stacks', CLUSTER[example], 'cdk.tf.json'), 'utf8');
  return { text, json: JSON.parse(text) as Synthesized['json'], stdout: result.stdout };
}

describe('pgtopo export terraform', () => {
  it.each(EXAMPLES)('%s.yaml synthesizes the golden Terraform JSON, within the pinned provider schema', async (example) => {
    seedExample(world, example);
    const file = exampleWorkspace(dir, example);
    const synthesized = await exportCluster(file, example);
    await expect(synthesized.text).toMatchFileSnapshot(`../../../fixtures/terraform/${example}.tf.json`);
    expect(synthesized.text).not.toContain(dir);
    expect(synthesized.text).not.toContain(repoRoot);
    expectNoSecrets(synthesized.text, synthesized.stdout);
    expect(unknownArguments(synthesized.json)).toEqual([]);
    expect(synthesized.json.import ?? []).toEqual([]);
    // The passwords are left out of Terraform; the hand-over says how each SecureString is set.
    expect(synthesized.text).not.toContain('SecureString');
    const secretLines = synthesized.stdout.split('\n').filter((line) => line.includes('aws ssm put-parameter') && line.includes('/secrets/'));
    expect(secretLines.length).toBe(example === 'aurora' ? 1 : 2);
    for (const line of secretLines) expect(line).toMatch(/--name \/pgtopo\/\w+\/\w+\/secrets\/\w+ --type SecureString --overwrite --value "\$\w+"$/);
    // A watchdog tier's key is pgtopo's to generate: without an apply, the hand-over makes one (never a fixed value).
    const keyLines = synthesized.stdout.split('\n').filter((line) => line.includes('/watchdog-key'));
    expect(keyLines).toHaveLength(example === 'aurora' ? 0 : 1);
    for (const line of keyLines) expect(line).toMatch(/--name \/pgtopo\/\w+\/\w+\/watchdog-key --type SecureString --value "\$\(openssl rand -base64 32\)"$/);
  });

  it.each(EXAMPLES)('%s.yaml after an apply: imports every managed object by its state id, and state rm lets go', async (example) => {
    seedExample(world, example);
    const file = exampleWorkspace(dir, example);
    const applied = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const state = parseState(readFileSync(join(dirname(file), '.pgtopo', 'state.json'), 'utf8'), 'state');
    const synthesized = await exportCluster(file, example);
    const imported = new Map((synthesized.json.import ?? []).map((block) => [block.to, block.id]));
    const exportable = state.resources.filter((resource) => !['aws_ssm_secret', 'aws_ssm_watchdog_key'].includes(resource.type));
    expect(exportable.length).toBeGreaterThan(3);
    for (const resource of exportable) {
      const [type, name] = [...imported].find(([, id]) => id === resource.id)?.[0].split('.') ?? [];
      expect(type && synthesized.json.resource[type]?.[name!], `${resource.address} (${resource.id}) is imported`).toBeTruthy();
    }
    expect([...imported.values()].sort()).toEqual(exportable.map((resource) => resource.id).sort());
    expectNoSecrets(synthesized.text, synthesized.stdout);
    const addresses = state.resources.map((resource) => resource.address);
    // The printed hand-over command is the one run below, shell quoting and all.
    const handover = synthesized.stdout.split('\n').find((line) => line.includes('pgtopo state rm '))!.split('pgtopo state rm ')[1]!;
    const words = [...handover.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
    expect(words).toEqual([...addresses, file]);
    const refused = await runCliCaptured(['state', 'rm', addresses[0]!, `${CLUSTER[example]}.nothing`, file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${CLUSTER[example]}.nothing: not in state`);
    expect((await runCliCaptured(['state', 'list', file])).stdout.trim().split('\n')).toEqual(addresses);
    const removed = await runCliCaptured(['state', 'rm', ...words]);
    expect(removed.code, removed.stdout + removed.stderr).toBe(0);
    expect((await runCliCaptured(['state', 'list', file])).stdout).toBe('');
    const again = await exportCluster(file, example);
    expect(again.json.import ?? []).toEqual([]);
  });

  it.each(['aurora', 'ec2'] as const)('%s.yaml: exports what pgtopo\'s own apply sends AWS, request field by field', async (example) => {
    seedExample(world, example);
    const file = exampleWorkspace(dir, example);
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    type Fields = Record<string, never>;
    const sent = (action: string) => world.log.calls.filter((call) => call.action === action).map((call) => call.input as Fields);
    const { resource } = (await exportCluster(file, example)).json;
    const one = (type: string) => Object.values(resource[type] ?? {})[0] as Fields;

    const template = sent('ec2:CreateLaunchTemplate')[0]!.LaunchTemplateData as Fields;
    const metadata = template.MetadataOptions as Fields;
    expect(one('aws_launch_template')).toMatchObject({
      user_data: template.UserData, instance_type: template.InstanceType,
      metadata_options: { http_tokens: metadata.HttpTokens, http_endpoint: metadata.HttpEndpoint, http_put_response_hop_limit: metadata.HttpPutResponseHopLimit, instance_metadata_tags: metadata.InstanceMetadataTags },
    });
    const group = sent('ec2:CreateSecurityGroup')[0]!;
    expect(one('aws_security_group')).toMatchObject({ name: group.GroupName, description: group.Description });
    const configs = sent('ssm:PutParameter').filter((input) => input.Type === 'String');
    // A watchdog member's config names the ENIs' addresses as Terraform expressions; the world's ENIs answer them.
    const eniIp = (_match: string, cluster: string, index: string) => world.ec2ProxyTier.networkInterfaces.in(EXAMPLE_REGION[example])
      .find((eni) => eni.TagSet?.some((tag) => tag.Key === 'pgtopo:address' && tag.Value === `${cluster}.proxy_eni[${index}]`))!.PrivateIpAddress!;
    const resolvedValue = (value: unknown) => String(value).replace(/\$\{aws_network_interface\.(\w+)_proxy_eni_(\d+)\.private_ip\}/g, eniIp);
    expect((Object.values(resource.aws_ssm_parameter!) as Fields[]).map((config) => [config.name, resolvedValue(config.insecure_value), config.description, config.tier]).sort())
      .toEqual(configs.map((config) => [config.Name, config.Value, config.Description, config.Tier]).sort());
    if (example === 'ec2') return;

    const targetGroup = sent('elasticloadbalancing:CreateTargetGroup')[0]!;
    const delay = (sent('elasticloadbalancing:ModifyTargetGroupAttributes')[0]!.Attributes as Fields[])[0]!;
    expect(one('aws_lb_target_group')).toMatchObject({
      protocol: targetGroup.Protocol, port: targetGroup.Port, target_type: targetGroup.TargetType, deregistration_delay: delay.Value,
      health_check: {
        enabled: targetGroup.HealthCheckEnabled, protocol: targetGroup.HealthCheckProtocol, path: targetGroup.HealthCheckPath, port: targetGroup.HealthCheckPort,
        interval: targetGroup.HealthCheckIntervalSeconds, healthy_threshold: targetGroup.HealthyThresholdCount, unhealthy_threshold: targetGroup.UnhealthyThresholdCount,
      },
    });
    const lb = sent('elasticloadbalancing:CreateLoadBalancer')[0]!;
    expect(one('aws_lb')).toMatchObject({ name: lb.Name, load_balancer_type: lb.Type, internal: lb.Scheme === 'internal', subnets: lb.Subnets });
    const listener = sent('elasticloadbalancing:CreateListener')[0]!;
    expect(one('aws_lb_listener')).toMatchObject({ protocol: listener.Protocol, port: listener.Port });
    const asg = sent('autoscaling:CreateAutoScalingGroup')[0]!;
    expect(one('aws_autoscaling_group')).toMatchObject({
      name: asg.AutoScalingGroupName, min_size: asg.MinSize, max_size: asg.MaxSize, desired_capacity: asg.DesiredCapacity,
      health_check_type: asg.HealthCheckType, health_check_grace_period: asg.HealthCheckGracePeriod,
    });
  });

  it.skipIf(!HAS_TERRAFORM)('terraform validate accepts the golden files with the pinned provider', () => {
    // One root module over the three, so the provider is loaded once; a backend in a child module only warns.
    const work = mkdtempSync(join(dir, 'validate-'));
    for (const example of EXAMPLES) {
      mkdirSync(join(work, example));
      copyFileSync(join(repoRoot, 'test', 'fixtures', 'terraform', `${example}.tf.json`), join(work, example, 'main.tf.json'));
    }
    writeFileSync(join(work, 'main.tf.json'), JSON.stringify({ module: Object.fromEntries(EXAMPLES.map((example) => [example, { source: `./${example}` }])) }));
    const init = spawnSync('terraform', ['init', '-input=false', '-backend=false', `-plugin-dir=${PLUGIN_DIR}`], { cwd: work, encoding: 'utf8' });
    expect(init.status, init.stderr + init.stdout).toBe(0);
    // Exits 1 when invalid: the diagnostics are on stdout either way.
    const validated = JSON.parse(spawnSync('terraform', ['validate', '-json'], { cwd: work, encoding: 'utf8' }).stdout) as
      { valid: boolean; diagnostics: { severity: string; summary: string; detail: string }[] };
    const errors = validated.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail}`)).toEqual([]);
    expect(validated.valid).toBe(true);
  });

  it('refuses a cluster that is not on AWS, naming it', async () => {
    const file = exampleWorkspace(dir, 'ec2');
    const result = await runCliCaptured(['export', 'terraform', file, '--cluster', 'nope', '--out', join(dir, 'none')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no cluster named "nope"');
  });
});
