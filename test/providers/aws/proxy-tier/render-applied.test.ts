// `pgtopo render` of an applied EC2 watchdog tier prints what the proxy reads: its SSM config parameter's value,
// rebuilt from state (members at their ENIs' addresses, the key's parameter, the joined tag, listening on every
// address). Before the first apply it says the watchdog's parts are the provider's to fill.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { runCliCaptured } from '../run-cli-captured.ts';
import { exampleWorkspace, expectNoSecrets, PASSWORDS, scratchDirectory, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-render-');
const currentWorld = useExampleWorld();

describe('pgtopo render of an ec2 watchdog tier', () => {
  it('prints the config parameter the proxy reads once applied, and says what it cannot know before', async () => {
    const world = currentWorld();
    const region = seedExample(world, 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    const before = await runCliCaptured(['render', file, '--cluster', 'orders', '--proxy', '2']);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('# not applied yet');

    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    const rendered = await runCliCaptured(['render', file, '--cluster', 'orders', '--proxy', '2']);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(rendered.stdout).toContain('# orders.proxy[2] as applied');
    const parameter = world.ssm.parameters.in(region).find((candidate) => candidate.Name.endsWith('/proxy-config/2'));
    expect(YAML.parse(rendered.stdout)).toEqual(JSON.parse(parameter!.Value));

    const config = YAML.parse(rendered.stdout) as { listen: { host: string }; watchdog: { self: number; members: { host: string }[]; authKey: { ssm: string }; joinedTag: string } };
    expect(config.listen.host).toBe('0.0.0.0');
    expect(config.watchdog.self).toBe(2);
    expect(config.watchdog.members.map((member) => member.host).sort()).toEqual(world.ec2ProxyTier.networkInterfaces.in(region).map((eni) => eni.PrivateIpAddress).sort());
    expect(config.watchdog.authKey.ssm).toMatch(/\/watchdog-key$/);
    expect(config.watchdog.joinedTag).toBe('pgtopo:watchdog-joined');
    expectNoSecrets(rendered.stdout, rendered.stderr);
    expect(rendered.stdout).not.toContain(PASSWORDS.APP_DB_PASSWORD);
  });
});
