// A watchdog tier's new engine replaces its members, never rolls them: the builtin watchdog and Pgpool-II's do not
// speak to each other, so a member of one beside members of the other would be a tier of its own (holding the VIP
// beside theirs, or short of a quorum and never joining). Every call the apply makes is watched: never a member of
// the old engine alive (pending, running or shutting down, as its proxy drains) beside one of the new, every old
// member terminated before the first new one is launched, the ENIs and so the member addresses kept. The last
// member takes longest to shut down. Rounds back and forth. A member launched before pgtopo tagged members with
// their engine gets the tag in place, not a replacement.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WATCHDOG_ENGINE_TAG } from '../../../../providers/aws/proxy-tier/proxy-instance-launch.ts';
import { runCliCaptured } from '../run-cli-captured.ts';
import { appliedExample, EC2_EXAMPLE_MEMBERS, scratchDirectory, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-engine-switch-');
const world = useExampleWorld();
const MEMBERS = EC2_EXAMPLE_MEMBERS;
const ENGINES = ['pgpool2', 'builtin', 'pgpool2'];
let region: string;
let file: string;
beforeEach(async () => {
  ({ region, file } = await appliedExample(world(), dir, 'ec2'));
  world().ec2.shutdownDescribesOf = (instance) => (instance.Tags?.some((tag) => tag.Value === MEMBERS[2]) ? 6 : 1);
  process.env.PGTOPO_ROLL_TIMEOUT_SECONDS = '5'; // polls a twentieth of it
});
afterEach(() => {
  delete process.env.PGTOPO_ROLL_TIMEOUT_SECONDS;
});

function alive(): { engine: string | undefined; address: string | undefined; ip: string | undefined }[] {
  return world().ec2.instances.in(region)
    .filter((instance) => ['pending', 'running', 'shutting-down'].includes(instance.State?.Name ?? ''))
    .map((instance) => ({ tags: Object.fromEntries((instance.Tags ?? []).map((tag) => [tag.Key, tag.Value])), ip: instance.PrivateIpAddress }))
    .filter(({ tags }) => MEMBERS.includes(tags['pgtopo:address'] ?? ''))
    .map(({ tags, ip }) => ({ engine: tags[WATCHDOG_ENGINE_TAG], address: tags['pgtopo:address'], ip }));
}

function withEngine(engine: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/engine: \w+/, `engine: ${engine}`));
}

/** Applies, noting before every call the engines of the live members and the order of launches and terminations. */
async function appliedWatched(): Promise<{ output: string; enginesSeen: string[][]; order: string[] }> {
  const enginesSeen: string[][] = [];
  const order: string[] = [];
  world().log.observers.push((call) => {
    enginesSeen.push([...new Set(alive().map((member) => member.engine ?? 'untagged'))]);
    if (call.action === 'ec2:RunInstances' || call.action === 'ec2:TerminateInstances') order.push(call.action.slice(4));
  });
  const applied = await runCliCaptured(['apply', file, '--auto-approve']);
  world().log.observers.length = 0;
  const output = applied.stdout + applied.stderr;
  expect(applied.code, output).toBe(0);
  return { output, enginesSeen, order };
}

const memberIps = () => Object.fromEntries(alive().map((member) => [member.address, member.ip]));

describe('a watchdog tier\'s new engine', () => {
  it('replaces every member, each old one gone before the first new one starts, on the same ENIs', async () => {
    expect(alive().map((member) => member.engine)).toEqual(['builtin', 'builtin', 'builtin']);
    for (const engine of ENGINES) {
      const ips = memberIps();
      withEngine(engine);
      const plan = await runCliCaptured(['plan', file]);
      for (const address of MEMBERS) expect(plan.stdout).toContain(`${address} must be replaced`);
      expect(plan.stdout).toContain('watchdog_engine forces replacement');
      expect(plan.stdout).not.toMatch(/proxy_eni\[\d\] must be replaced/);
      expect(plan.stdout).toContain(`Warning: ${MEMBERS.join(', ')}: every one stops before the first replacement starts`);

      const { enginesSeen, order } = await appliedWatched();
      expect(enginesSeen.filter((engines) => engines.length > 1)).toEqual([]);
      expect(order).toEqual(['TerminateInstances', 'TerminateInstances', 'TerminateInstances', 'RunInstances', 'RunInstances', 'RunInstances']);
      expect(alive().map((member) => member.engine)).toEqual([engine, engine, engine]);
      expect(memberIps()).toEqual(ips);
      expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
    }
  });

  it('a member launched before the engine tag gets it in place, and is not replaced for it', async () => {
    for (const instance of world().ec2.instances.in(region)) instance.Tags = instance.Tags?.filter((tag) => tag.Key !== WATCHDOG_ENGINE_TAG);
    const plan = await runCliCaptured(['plan', file]);
    for (const address of MEMBERS) expect(plan.stdout).toContain(`${address} will be updated in place`);
    expect(plan.stdout).not.toContain('must be replaced');
    const { order, output } = await appliedWatched();
    expect(order, output).toEqual([]);
    expect(alive().map((member) => member.engine)).toEqual(['builtin', 'builtin', 'builtin']);
    expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);
  });

  it('a tier without a watchdog records no engine and keeps its roll (the failover coordinator first, the others successor first)', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/method: watchdog\n\s+vip: .*\n/, 'method: none\n'));
    expect((await runCliCaptured(['apply', file, '--auto-approve'])).code).toBe(0);
    expect(alive().map((member) => member.engine)).toEqual([undefined, undefined, undefined]);
    withEngine('pgpool2');
    const { order } = await appliedWatched();
    expect(order).toEqual(['TerminateInstances', 'RunInstances', 'RunInstances', 'TerminateInstances', 'RunInstances', 'TerminateInstances']);
  });
});
