// providers/aws/proxy-tier/README.md lists every proxy-tier type with exactly the IAM actions it declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegionalClients } from '../../../../providers/aws/aws-clients.ts';
import { proxyTierResourceTypes } from '../../../../providers/aws/proxy-tier/proxy-tier-resources.ts';

const readme = readFileSync('providers/aws/proxy-tier/README.md', 'utf8');

describe('the proxy tier README', () => {
  for (const type of proxyTierResourceTypes(new RegionalClients())) {
    it(`lists the IAM actions of ${type.name}`, () => {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${type.name}\` | ${type.mode} |`));
      expect(row, `a row for ${type.name}`).toBeDefined();
      const listed = [...row!.split('|')[3]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      expect(listed.sort()).toEqual([...new Set(type.iamActions)].sort());
    });
  }
});
