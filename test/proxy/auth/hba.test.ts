import { describe, expect, it } from 'vitest';
import { matchHba, validateHbaRules } from '../../../proxy/auth/hba.ts';
import type { HbaConnection, HbaRule } from '../../../proxy/auth/hba.ts';

const RULES: HbaRule[] = [
  { type: 'hostssl', database: 'all', user: 'admin', address: 'all', method: 'scram-sha-256' },
  { type: 'host', database: 'all', user: 'admin', address: 'all', method: 'reject' },
  { type: 'hostnossl', database: 'legacy', user: 'all', address: '10.0.0.0/8', method: 'md5' },
  { type: 'host', database: 'app, reports', user: 'alice,bob', address: '192.168.1.0/24', method: 'scram-sha-256' },
  { type: 'host', database: 'all', user: 'monitor', address: '127.0.0.1', method: 'trust' },
  { type: 'host', database: 'all', user: 'all', address: '2001:db8::/32', method: 'scram-sha-256' },
  { type: 'host', database: 'all', user: 'all', address: '::1/128', method: 'trust' },
  { type: 'host', database: 'all', user: 'all', address: '172.16.0.0/12', method: 'md5' },
];

const base: HbaConnection = { address: '192.168.1.10', database: 'app', user: 'alice', tls: false };

describe('matchHba', () => {
  it.each([
    ['hostssl rule needs TLS', { user: 'admin', tls: true }, 'scram-sha-256', 0],
    ['first match wins: admin without TLS hits the reject rule', { user: 'admin' }, 'reject', 1],
    ['hostnossl matches without TLS inside the CIDR', { database: 'legacy', address: '10.200.3.4' }, 'md5', 2],
    ['hostnossl skips TLS connections', { database: 'legacy', address: '10.200.3.4', tls: true }, 'reject', null],
    ['comma lists match any listed name', { user: 'bob', database: 'reports' }, 'scram-sha-256', 3],
    ['comma lists do not match unlisted names', { user: 'carol' }, 'reject', null],
    ['CIDR boundary excludes the next /24', { address: '192.168.2.1' }, 'reject', null],
    ['bare address matches only itself', { user: 'monitor', address: '127.0.0.1' }, 'trust', 4],
    ['bare address does not match a neighbour', { user: 'monitor', address: '127.0.0.2' }, 'reject', null],
    ['IPv4-mapped IPv6 peer matches an IPv4 rule', { user: 'monitor', address: '::ffff:127.0.0.1' }, 'trust', 4],
    ['IPv4-mapped IPv6 peer in a CIDR', { address: '::FFFF:192.168.1.200' }, 'scram-sha-256', 3],
    ['IPv6 prefix', { user: 'zoe', address: '2001:db8:abcd::12' }, 'scram-sha-256', 5],
    ['IPv6 outside prefix', { user: 'zoe', address: '2001:db9::1' }, 'reject', null],
    ['IPv6 loopback', { user: 'zoe', address: '::1' }, 'trust', 6],
    ['/12 includes 172.31.x', { user: 'zoe', address: '172.31.255.255' }, 'md5', 7],
    ['/12 excludes 172.32.x', { user: 'zoe', address: '172.32.0.1' }, 'reject', null],
    ['unparseable peer address never matches a CIDR', { user: 'zoe', address: 'not-an-ip' }, 'reject', null],
  ])('%s', (_name, overrides, method, ruleIndex) => {
    expect(matchHba(RULES, { ...base, ...overrides })).toEqual({ method, ruleIndex });
  });

  it('rejects when there are no rules', () => {
    expect(matchHba([], base)).toEqual({ method: 'reject', ruleIndex: null });
  });

  it('address all matches IPv4 and IPv6 alike', () => {
    const rules: HbaRule[] = [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'md5' }];
    expect(matchHba(rules, { ...base, address: 'fe80::1' }).method).toBe('md5');
    expect(matchHba(rules, { ...base, address: '8.8.8.8' }).method).toBe('md5');
  });
});

describe('validateHbaRules', () => {
  it('accepts the sample rules', () => {
    expect(validateHbaRules(RULES)).toEqual([]);
  });

  it('names the rule and the problem for bad addresses, types and methods', () => {
    const bad = [
      { type: 'host', database: 'all', user: 'all', address: '10.0.0.0/33', method: 'md5' },
      { type: 'local', database: 'all', user: 'all', address: 'all', method: 'peer' },
      { type: 'host', database: '', user: 'all', address: '::1/129', method: 'trust' },
    ] as unknown as HbaRule[];
    const problems = validateHbaRules(bad);
    expect(problems).toEqual([
      'hba rule 1: address "10.0.0.0/33" must be \'all\' or an IPv4/IPv6 address with optional /prefix',
      'hba rule 2: type must be one of host, hostssl, hostnossl',
      'hba rule 2: method must be one of scram-sha-256, md5, trust, reject',
      "hba rule 3: database must be 'all' or a comma-separated list of names",
      'hba rule 3: address "::1/129" must be \'all\' or an IPv4/IPv6 address with optional /prefix',
    ]);
  });
});
