import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../engine/topology/diagnostic.ts';
import { loadTopologyFile } from '../../../engine/topology/load-topology.ts';
import { corpus, entries, fixtures, type Entry, type Expected } from './invalid-corpus-table.ts';
import { providerRegistry } from '../../../cli/provider-registry.ts';

// The CLI's providers (without PGTOPO_SIMULATE): their rules, local port clashes included, are part of loading.
const providers = providerRegistry({});


function matches(d: Diagnostic, want: Expected): boolean {
  return d.severity === (want.severity ?? 'error')
    && `${d.line}:${d.column}` === want.at
    && (want.path === undefined || d.path === want.path)
    && d.message.includes(want.message)
    && (want.notMessage === undefined || !`${d.message} ${d.hint ?? ''}`.includes(want.notMessage))
    && (want.hint === undefined || (d.hint ?? '').includes(want.hint));
}

async function check(fixture: string, entry: Entry): Promise<void> {
  const file = join(corpus, fixture);
  const result = await loadTopologyFile(file, providers);
  const diagnostics = result.ok ? result.value.warnings : result.diagnostics;
  const shown = diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} [${d.path}] ${d.message} | ${d.hint ?? ''}`).join('\n');
  expect(result.ok, shown).toBe(entry.errors === 0);
  expect(diagnostics.filter((d) => d.severity === 'error'), shown).toHaveLength(entry.errors);
  for (const want of entry.expect) {
    expect(diagnostics.some((d) => matches(d, want)), `expected ${JSON.stringify(want)} among:\n${shown}`).toBe(true);
  }
  for (const d of diagnostics) expect(d.file).toBe(file);
}

describe('the invalid topology corpus', () => {
  it('has at least 45 fixtures, each with an expectation', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    const covered = new Set(entries.map(([name, entry]) => entry.same ?? name));
    expect(fixtures.filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !fixtures.includes(name))).toEqual([]);
  });

  for (const [name, entry] of entries) {
    const fixture = entry.same ?? name;
    if (entry.bug) {
      // BUG: see the `bug` text of this entry in expected.json.
      it.fails(`${name}: ${entry.bug}`, () => check(fixture, entry));
    } else {
      it(`${name}: ${entry.expect.map((e) => `${e.at} ${e.message}`).join('; ')}`, () => check(fixture, entry));
    }
  }

  it('reports every error of a file at once, schema and semantic ones, across clusters, in file order', async () => {
    const result = await loadTopologyFile(join(corpus, 'multi-error.yaml'), providers);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const clusters = new Set(result.diagnostics.map((d) => d.path.split('.').slice(0, 2).join('.')));
    expect(clusters).toEqual(new Set(['clusters.dev', 'clusters.orders', 'clusters.billing', 'clusters.app', 'users.1']));
    const lines = result.diagnostics.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  // The fixtures write their secrets as `s3cret…hunter2` or `123456789`; no diagnostic may repeat them.
  it('never repeats a secret written in a file (fixtures with a known defect are checked by their own entry)', async () => {
    const known = new Set(entries.filter(([, entry]) => entry.bug).map(([name, entry]) => entry.same ?? name));
    const withSecrets = fixtures.filter((name) => /hunter2|: 123456789$/m.test(readFileSync(join(corpus, name), 'utf8')));
    expect(withSecrets.length).toBeGreaterThanOrEqual(4);
    const checked = withSecrets.filter((n) => !known.has(n));
    expect(checked.length).toBeGreaterThanOrEqual(2);
    for (const name of checked) {
      const result = await loadTopologyFile(join(corpus, name), providers);
      const diagnostics = JSON.stringify(result.ok ? result.value.warnings : result.diagnostics);
      expect(diagnostics, name).not.toMatch(/hunter2|123456789/);
    }
  });

  it('keeps warnings out of the error count: a warning-only file is valid', async () => {
    const result = await loadTopologyFile(join(corpus, 'warn-vip-dns-ttl.yaml'), providers);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.warnings.map((w) => w.severity)).toEqual(['warning']);
    expect(result.value.topology.clusters.billing?.environment).toBe('rds');
  });
});
