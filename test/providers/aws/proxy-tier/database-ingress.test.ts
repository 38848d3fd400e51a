// The rule pgtopo adds to the database's security group (`proxy.databaseSecurityGroup`), through the CLI in the AWS
// world: apply adds exactly one tagged rule from the proxies' group to the database port and a re-apply adds
// nothing; a rule revoked outside pgtopo is drift and the next apply adds it again; destroy revokes only that rule,
// leaving the group and the rules others made.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../run-cli-captured.ts';
import type { AwsWorld } from '../world/aws-world.ts';
import { exampleWorkspace, scratchDirectory, seedExample, useExampleWorld } from './example-worlds.ts';

const dir = scratchDirectory('pgtopo-aws-db-ingress-');
const currentWorld = useExampleWorld();
let world: AwsWorld;
beforeEach(() => {
  world = currentWorld();
});

const DATABASE_GROUP = 'sg-0db0';
const SOMEONE_ELSES = { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.9.0.0/16' }] };

function rulesOfDatabaseGroup(region: string) {
  return world.ec2ProxyTier.rulesIn(region).filter((rule) => rule.GroupId === DATABASE_GROUP);
}

async function succeeds(...args: string[]): Promise<string> {
  const result = await runCliCaptured(args);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return result.stdout;
}

describe('the ingress rule on the database\'s security group', () => {
  for (const example of ['aurora', 'ec2'] as const) {
    it(`${example}.yaml: added once, repaired when revoked, and the only rule destroy removes`, async () => {
      const region = seedExample(world, example);
      world.ec2ProxyTier.securityGroups.in(region).push({
        GroupId: DATABASE_GROUP, GroupName: 'database', VpcId: 'vpc-0a1b2c3d', IpPermissions: [structuredClone(SOMEONE_ELSES)], Tags: [],
      });
      const file = exampleWorkspace(dir, example);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n    proxy:\n/, `\n    proxy:\n      databaseSecurityGroup: ${DATABASE_GROUP}\n`));
      await succeeds('apply', file, '--auto-approve');
      const proxies = world.ec2ProxyTier.securityGroups.in(region).find((group) => group.GroupName?.endsWith('-proxy'))!;
      const ours = rulesOfDatabaseGroup(region).filter((rule) => rule.ReferencedGroupInfo?.GroupId === proxies.GroupId);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432 });
      expect(ours[0]!.Tags).toContainEqual({ Key: 'pgtopo:address', Value: `${example === 'aurora' ? 'analytics' : 'orders'}.proxy_database_ingress` });
      expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);

      world.ec2ProxyTier.revokeOutOfBand(region, DATABASE_GROUP, ours[0]!.SecurityGroupRuleId!);
      const drift = await runCliCaptured(['plan', file, '--detailed-exitcode']);
      expect(drift.code).toBe(2);
      expect(drift.stdout).toMatch(/proxy_database_ingress will be created/);
      await succeeds('apply', file, '--auto-approve');
      expect(rulesOfDatabaseGroup(region).filter((rule) => rule.ReferencedGroupInfo?.GroupId === proxies.GroupId)).toHaveLength(1);
      expect((await runCliCaptured(['plan', file, '--detailed-exitcode'])).code).toBe(0);

      await succeeds('destroy', file, '--auto-approve');
      expect(world.ec2ProxyTier.group(region, DATABASE_GROUP).IpPermissions).toEqual([SOMEONE_ELSES]);
      expect(world.ownedBy(example === 'aurora' ? 'analytics' : 'shop', region)).toEqual([]);
    });
  }
});
