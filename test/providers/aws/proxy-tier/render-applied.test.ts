// `pgtopo render` of an applied EC2 watchdog tier prints what the proxy reads: its SSM config parameter's value,
// rebuilt from state (members at their ENIs' addresses, the key's parameter, the joined tag, listening on every
// address). Before the first apply it says the watchdog's parts are the provider's to fill. For Pgpool-II it shows
// the failover hooks that pgpool-files adds on the instance.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { PGPOOL_DIR } from '../../../../providers/aws/proxy-tier/user-data.ts';
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

  it('shows Pgpool-II as applied, with the failover hooks pgpool-files gives it on the instance, passwords masked', async () => {
    seedExample(currentWorld(), 'ec2');
    const file = exampleWorkspace(dir, 'ec2');
    writeFileSync(file, readFileSync(file, 'utf8').replace('engine: builtin', 'engine: pgpool2'));
    const applied = await runCliCaptured(['apply', file, '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const rendered = await runCliCaptured(['render', file, '--cluster', 'orders', '--proxy', '1']);
    expect(rendered.code, rendered.stderr).toBe(0);
    const conf = rendered.stdout.split('==> pgpool.conf <==')[1]!.split('==>')[0]!;
    // The watchdog as the instance runs it: this member among the three at their ENIs' addresses.
    expect(conf).toMatch(/^use_watchdog = on$/m);
    expect(conf).toContain('# Written by pgtopo for orders.proxy[1]');
    expect(conf).toContain(`failover_command = '"${PGPOOL_DIR}/failover.sh" %d %P'`);
    expect(conf).toContain(`follow_primary_command = '"${PGPOOL_DIR}/follow-primary.sh" %d %H %r %P'`);
    expect(conf).toMatch(/^auto_failback = on$/m);
    expectNoSecrets(rendered.stdout, rendered.stderr);
  });
});
