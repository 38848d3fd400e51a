import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EffectiveFeatures } from '../../../proxy-tier/effective-features.ts';
import { runPgtopo } from '../../cli/run-pgtopo.ts';

// `pgtopo features` on the examples must show the feature matrix (docs/feature-matrix.md, "Features per
// environment"), both as JSON and as the text table a user reads.

interface Shown {
  json: EffectiveFeatures[];
  /** Text table rows by cluster, then by feature label: [value, source, why]. */
  table: Map<string, Map<string, string[]>>;
}

async function features(file: string): Promise<Shown> {
  const [asJson, asText] = await Promise.all([runPgtopo(['features', file, '--json']), runPgtopo(['features', file])]);
  expect(asJson.code, asJson.stderr).toBe(0);
  expect(asText.code, asText.stderr).toBe(0);
  return { json: JSON.parse(asJson.stdout) as EffectiveFeatures[], table: parseTables(asText.stdout) };
}

// Tables are separated by a blank line; each starts with "<cluster> (<environment>)", a header and a rule.
function parseTables(text: string): Map<string, Map<string, string[]>> {
  const tables = new Map<string, Map<string, string[]>>();
  for (const block of text.trim().split(/\n\s*\n/)) {
    const [title, header, rule, ...rows] = block.split('\n');
    expect(header).toMatch(/^feature\s+value\s+source\s+why$/);
    expect(rule).toMatch(/^[─ ]+$/);
    const cluster = /^(\S+) \(/.exec(title ?? '')![1]!;
    tables.set(cluster, new Map(rows.map((row) => {
      const [label, ...cells] = row.split(/ {2,}/);
      return [label!, cells];
    })));
  }
  return tables;
}

function cluster(shown: Shown, name: string): { json: EffectiveFeatures; row: (label: string) => string[] } {
  const json = shown.json.find((f) => f.cluster === name);
  expect(json, `cluster ${name} in --json`).toBeDefined();
  const table = shown.table.get(name);
  expect(table, `cluster ${name} in the table`).toBeDefined();
  return {
    json: json!,
    row: (label) => {
      expect(table!.has(label), `row "${label}" of ${name}`).toBe(true);
      return table!.get(label)!;
    },
  };
}

const examples: Record<string, Shown> = {};
beforeAll(async () => {
  for (const name of ['ec2', 'rds', 'aurora', 'kubernetes', 'local', 'multi-environment']) {
    examples[name] = await features(`examples/${name}.yaml`);
  }
});

/** The managed-service shape: AWS or the operator owns HA, the proxy never promotes or detaches. */
function expectProxyDoesNotOwnHa(c: ReturnType<typeof cluster>, environment: string): void {
  for (const [key, label] of [['failover', 'failover'], ['healthCheck', 'health check'], ['failoverOnBackendError', 'failover on backend error']] as const) {
    expect(c.json[key]).toMatchObject({ value: false, source: 'environment' });
    expect(c.json[key].why).toContain(`on ${environment}`);
    expect(c.row(label).slice(0, 2)).toEqual(['off', 'environment']);
  }
  expect(c.json.primaryDetection.value).toBe(false);
  expect(c.json.failoverCoordinator.value).toBe('none');
  expect(c.json.loadBalancing.value).toBe(true);
  expect(c.json.pooling.value).toBe('transaction');
  expect(c.row('load balancing')[0]).toBe('on');
  expect(c.row('connection pooling')[0]).toBe('transaction');
}

function expectWriterReaderFlags(c: ReturnType<typeof cluster>, writer: string, reader: string): void {
  expect(c.json.backends?.map((b) => [b.name, b.role, b.flags.join('|')])).toEqual([
    [writer, 'writer', 'ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER'],
    [reader, 'reader', 'DISALLOW_TO_FAILOVER'],
  ]);
  expect(c.row(`backend ${writer}`)[2]).toContain('flags ALWAYS_PRIMARY|DISALLOW_TO_FAILOVER');
  expect(c.row(`backend ${reader}`)[2]).toMatch(/flags DISALLOW_TO_FAILOVER$/);
}

describe('pgtopo features on the examples', () => {
  it('EC2: everything on, watchdog with a route-table VIP', () => {
    const c = cluster(examples.ec2!, 'orders');
    for (const key of ['failover', 'healthCheck', 'replicationCheck', 'primaryDetection', 'loadBalancing'] as const) {
      expect(c.json[key].value, key).toBe(true);
    }
    for (const label of ['failover', 'health check', 'replication-lag check', 'primary detection', 'load balancing']) {
      expect(c.row(label)[0], label).toBe('on');
    }
    expect(c.json.pooling.value).toBe('transaction');
    expect(c.json.proxyHa).toMatchObject({ value: 'watchdog', source: 'explicit' });
    expect(c.json.vip.value).toBe('route-table 20.0.0.50');
    expect(c.row('VIP').slice(0, 2)).toEqual(['route-table 20.0.0.50', 'explicit']);
    expect(c.json.failoverCoordinator.value).toBe('watchdog leader');
    // A single I/O error is no proof of a dead node even where the proxy owns HA.
    expect(c.json.failoverOnBackendError.value).toBe(false);
    expect(c.json.backends).toBeNull();
    expect(c.row('backends')[0]).toBe('discovered');
  });

  it('RDS: failover and health check off, writer always-primary and no-failover, reader no-failover, watchdog', () => {
    const c = cluster(examples.rds!, 'billing');
    expectProxyDoesNotOwnHa(c, 'rds');
    expectWriterReaderFlags(c, 'writer', 'reader');
    expect(c.json.proxyHa.value).toBe('watchdog');
    expect(c.json.vip.value).toMatch(/^dns /);
  });

  it('Aurora: the same managed shape, no replication check, NLB + Auto Scaling instead of a VIP', () => {
    const c = cluster(examples.aurora!, 'analytics');
    expectProxyDoesNotOwnHa(c, 'aurora');
    expectWriterReaderFlags(c, 'writer', 'reader');
    expect(c.json.replicationCheck).toMatchObject({ value: false, source: 'environment' });
    expect(c.row('replication-lag check').slice(0, 2)).toEqual(['off', 'environment']);
    expect(c.json.proxyHa).toMatchObject({ value: 'nlb-autoscaling', source: 'explicit' });
    expect(c.json.vip.value).toBe('none');
    // The example sends reads only to the reader endpoint.
    expect(c.json.backends?.map((b) => b.weight)).toEqual([0, 1]);
    expect(c.row('backend writer')[0]).toBe('weight 0');
  });

  it('Kubernetes: load balancing and pooling only; no watchdog; the reader weighs as many replicas as it spreads over', () => {
    const c = cluster(examples.kubernetes!, 'app');
    expectProxyDoesNotOwnHa(c, 'kubernetes');
    expectWriterReaderFlags(c, 'primary', 'replica');
    expect(c.json.proxyHa).toMatchObject({ value: 'none', source: 'derived' });
    expect(c.row('proxy HA').slice(0, 2)).toEqual(['none', 'derived']);
    expect(c.json.vip.value).toBe('none');
    expect(c.json.backends?.find((b) => b.name === 'replica')?.weight).toBe(2);
    expect(c.row('backend replica')[0]).toBe('weight 2');
  });

  it('local: the proxy owns HA, like EC2; nodes pg0..pg2 with detected roles and no flags', () => {
    const c = cluster(examples.local!, 'dev');
    for (const key of ['failover', 'healthCheck', 'replicationCheck', 'primaryDetection', 'loadBalancing'] as const) {
      expect(c.json[key].value, key).toBe(true);
    }
    expect(c.json.backends?.map((b) => [b.name, b.role, b.flags.length])).toEqual([['pg0', 'detect', 0], ['pg1', 'detect', 0], ['pg2', 'detect', 0]]);
    expect(c.row('backend pg0')[2]).toBe('role detect, flags none');
  });

  it('multi-environment: one table per cluster, each with its environment\'s matrix', () => {
    const shown = examples['multi-environment']!;
    expect(shown.json.map((f) => [f.cluster, f.environment])).toEqual([['dev', 'local'], ['orders', 'ec2'], ['analytics', 'aurora'], ['app', 'kubernetes']]);
    expect([...shown.table.keys()]).toEqual(['dev', 'orders', 'analytics', 'app']);
    expect(shown.json.map((f) => f.failover.value)).toEqual([true, true, false, false]);
    expect(cluster(shown, 'app').json.backends?.find((b) => b.name === 'replica')?.weight).toBe(2);
  });
});

describe('pgtopo features: where each value came from', () => {
  const file = 'test/fixtures/valid/ec2-explicit-settings.yaml';

  it('explicit settings say explicit, environment defaults say environment, plain defaults say default', async () => {
    const shown = await features(file);
    const c = cluster(shown, 'orders');
    expect(c.json.engine).toMatchObject({ value: 'pgpool2', source: 'explicit' });
    expect(c.json.failover).toMatchObject({ value: false, source: 'explicit' });
    expect(c.json.pooling).toMatchObject({ value: 'off', source: 'explicit' });
    expect(c.json.healthCheck).toMatchObject({ value: true, source: 'environment' });
    expect(c.json.replicationCheck).toMatchObject({ value: true, source: 'environment' });
    expect(c.json.proxyInstances).toMatchObject({ value: 1, source: 'default' });
    expect(c.json.loadBalancing).toMatchObject({ value: true, source: 'default' });
    expect(c.json.primaryDetection.source).toBe('derived');
    expect(c.row('engine').slice(0, 2)).toEqual(['pgpool2', 'explicit']);
    expect(c.row('failover').slice(0, 2)).toEqual(['off', 'explicit']);
    expect(c.row('health check').slice(0, 2)).toEqual(['on', 'environment']);
    expect(c.row('proxy instances').slice(0, 2)).toEqual(['1', 'default']);
    expect(c.row('connection pooling').slice(0, 2)).toEqual(['off', 'explicit']);
    expect(c.json.backends?.map((b) => [b.name, b.weight])).toEqual([['pg-a', 1], ['pg-b', 3]]);
    // Failover off: nobody coordinates promotions.
    expect(c.json.failoverCoordinator.value).toBe('none');
  });

  it('with Pgpool-II, pooling is per session whatever the mode says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgtopo-features-'));
    try {
      const topology = (mode: string) => `version: 1\nname: shop\nclusters:\n  dev:\n    environment: local\n    proxy: { engine: pgpool2${mode} }\nusers:\n  - { name: app, auth: trust }\n`;
      writeFileSync(join(dir, 'transaction.yaml'), topology(', pooling: { mode: transaction }'));
      writeFileSync(join(dir, 'default.yaml'), topology(''));
      const asked = cluster(await features(join(dir, 'transaction.yaml')), 'dev');
      expect(asked.row('connection pooling').slice(0, 2)).toEqual(['session', 'derived']);
      expect(asked.json.pooling.why).toContain('`mode: transaction` needs `engine: builtin`');
      expect(cluster(await features(join(dir, 'default.yaml')), 'dev').json.pooling).toMatchObject({ value: 'session', source: 'derived' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--cluster picks one cluster; an unknown one is an error naming the clusters there are', async () => {
    const one = await runPgtopo(['features', 'examples/multi-environment.yaml', '--cluster', 'app', '--json']);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as EffectiveFeatures[]).map((f) => f.cluster)).toEqual(['app']);
    const unknown = await runPgtopo(['features', 'examples/multi-environment.yaml', '--cluster', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no cluster named "nope"');
    expect(unknown.stderr).toContain('dev, orders, analytics, app');
  });

  it('an invalid file prints its diagnostics and exits 1 without a table', async () => {
    const result = await runPgtopo(['features', 'test/fixtures/invalid/matrix-failover-on-rds.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('matrix-failover-on-rds.yaml:10:18: error: failover cannot be enabled for rds clusters');
  });
});
