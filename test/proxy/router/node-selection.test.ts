// Rules 17–21 at the node-selection level: weighted choice, lag thresholds, redirect preferences with probability.

import { describe, expect, it } from 'vitest';
import { defaultRouterConfig, type RouterConfig } from '../../../proxy/router/router-config.ts';
import {
  chooseBalancedNode,
  chooseWeighted,
  readTarget,
  resolvePrimary,
} from '../../../proxy/router/node-selection.ts';
import { cluster, node, sequence } from './router-fixtures.ts';

describe('weighted choice (rule 17)', () => {
  const nodes = [node('a', { weight: 1 }), node('b', { weight: 3 }), node('c', { weight: 0 }), node('d', { weight: 1 })];

  it('maps the random point onto cumulative weights', () => {
    const pick = (r: number) => chooseWeighted(nodes, () => r)?.id;
    expect([0, 0.19, 0.2, 0.79, 0.8, 0.99].map(pick)).toEqual(['a', 'a', 'b', 'b', 'd', 'd']);
  });

  it('spreads 10 000 evenly spaced points in proportion to weight, never onto weight 0', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const id = chooseWeighted(nodes, () => i / 10_000)?.id ?? 'none';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 2000, b: 6000, d: 2000 });
  });

  it('nothing to choose from when every weight is 0', () => {
    expect(chooseWeighted([node('a', { weight: 0 })], () => 0.5)).toBeUndefined();
  });

  it('the primary takes reads with its own weight', () => {
    const backends = cluster({ p: { weight: 2 } });
    const primary = resolvePrimary(backends).primary;
    const choice = (r: number) => chooseBalancedNode(backends, primary, defaultRouterConfig(), {}, () => r).node?.id;
    expect([0, 0.49, 0.5, 0.75].map(choice)).toEqual(['p', 'p', 's1', 's2']);
  });
});

describe('replication lag (rule 19)', () => {
  const config = (overrides: Partial<RouterConfig>) => defaultRouterConfig(overrides);

  it('delayThreshold in bytes and delayThresholdByTime in ms exclude lagging standbys from the choice', () => {
    const backends = cluster({ s1: { lagBytes: 5000, lagMs: 10 }, s2: { lagBytes: 10, lagMs: 900 } });
    const primary = resolvePrimary(backends).primary;
    const choose = (c: RouterConfig) => chooseBalancedNode(backends, primary, c, {}, () => 0).node?.id;
    expect(choose(config({}))).toBe('s1');
    expect(choose(config({ delayThreshold: 1000 }))).toBe('s2');
    expect(choose(config({ delayThresholdByTime: 500 }))).toBe('s1');
    expect(choose(config({ delayThreshold: 1000, delayThresholdByTime: 500 }))).toBe('p');
  });

  it("a lagging session node's reads go to the primary, or the least-lagging standby when preferred", () => {
    const backends = {
      nodes: [...cluster({ s1: { lagBytes: 9000 }, s2: { lagBytes: 300 } }).nodes, node('s3', { lagBytes: 200 })],
    };
    const [primary, s1] = backends.nodes;
    expect(readTarget(s1, backends, primary, config({ delayThreshold: 1000 }))).toMatchObject({ node: primary, rule: 19 });
    const preferred = readTarget(s1, backends, primary, config({ delayThreshold: 1000, preferLowerDelayStandby: true }));
    expect(preferred).toMatchObject({ node: { id: 's3' }, rule: 19 });
    expect(readTarget(backends.nodes[2], backends, primary, config({ delayThreshold: 1000 }))).toBeUndefined();
  });

  it('unknown lag counts as within the limit', () => {
    const backends = cluster();
    expect(readTarget(backends.nodes[1], backends, backends.nodes[0], config({ delayThreshold: 1 }))).toBeUndefined();
  });
});

describe('redirect preferences with probability (rule 18)', () => {
  const redirect = (target: string, probability?: number) =>
    defaultRouterConfig({
      redirectPreferences: { applicationName: [], database: [{ pattern: 'app.*', target, probability }], user: [] },
    });

  it('follows the preference when random() < probability, else balances by weight', () => {
    const backends = cluster();
    const primary = resolvePrimary(backends).primary;
    const config = redirect('s2', 0.3);
    // First draw decides the preference; the second (if any) the weighted choice.
    expect(chooseBalancedNode(backends, primary, config, { database: 'app1' }, sequence(0.29, 0))).toMatchObject({
      node: { id: 's2' },
      rule: 18,
    });
    expect(chooseBalancedNode(backends, primary, config, { database: 'app1' }, sequence(0.3, 0))).toMatchObject({
      node: { id: 's1' },
      rule: 17,
    });
  });

  it('patterns match the whole value', () => {
    const backends = cluster();
    const choice = chooseBalancedNode(backends, backends.nodes[0], redirect('primary'), { database: 'myapp' }, () => 0);
    expect(choice.rule).toBe(17);
  });

  it('standby target picks among standbys by weight; an ineligible named node falls back to weights', () => {
    const backends = cluster({ p: { weight: 5 }, s2: { status: 'down' } });
    const primary = backends.nodes[0];
    expect(chooseBalancedNode(backends, primary, redirect('standby'), { database: 'app' }, () => 0.99).node?.id).toBe('s1');
    const fallback = chooseBalancedNode(backends, primary, redirect('s2'), { database: 'app' }, sequence(0, 0));
    expect(fallback).toMatchObject({ node: { id: 'p' }, rule: 17 });
  });
});

describe('primary resolution (rule 21)', () => {
  it('an always-primary node that is down leaves no primary rather than guessing', () => {
    const backends = { nodes: [node('w', { alwaysPrimary: true, status: 'down' }), node('r')] };
    expect(resolvePrimary(backends).primary).toBeUndefined();
  });
  it('a node flagged falsePrimary is reported and never chosen', () => {
    const backends = cluster({ s2: { role: 'primary', falsePrimary: true } });
    const resolution = resolvePrimary(backends);
    expect(resolution.primary?.id).toBe('p');
    expect(resolution.falsePrimaries).toEqual(['s2']);
    expect(chooseBalancedNode(backends, resolution.primary, defaultRouterConfig(), {}, () => 0.99).node?.id).toBe('s1');
  });
});
