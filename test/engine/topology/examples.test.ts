import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../engine/topology/diagnostic.ts';
import { loadTopologyFile } from '../../../engine/topology/load-topology.ts';
import { environments } from '../../../engine/topology/schema-introspection.ts';
import { providerRegistry } from '../../../cli/provider-registry.ts';

// The CLI's providers (without PGTOPO_SIMULATE): their rules, local port clashes included, are part of loading.
const providers = providerRegistry({});

// Globbed, so every example the lead adds is covered without touching this test.
const folder = join(import.meta.dirname, '../../../examples');
const examples = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();

describe('examples/', () => {
  it('holds one topology per environment plus a multi-environment one (at least 6 files)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of examples) {
    it(`${name} validates with no errors`, async () => {
      const result = await loadTopologyFile(join(folder, name), providers);
      const shown = result.ok ? '' : result.diagnostics.map(formatDiagnostic).join('\n');
      expect(result.ok, shown).toBe(true);
    });
  }

  // What a newcomer copies should not draw the tool's own warnings, except where the example shows a trade-off on
  // purpose: a DNS VIP, whose change clients see only after the TTL (rds.yaml; multi-environment.yaml repeats none).
  const INTENDED_WARNINGS: Record<string, string[]> = { 'rds.yaml': ['clusters.billing.proxy.ha.vip.type'] };

  for (const name of examples) {
    it(`${name} draws no warning but the ones it shows on purpose`, async () => {
      const result = await loadTopologyFile(join(folder, name), providers);
      const warnings = result.ok ? result.value.warnings : [];
      expect(warnings.map((warning) => warning.path).sort(), warnings.map(formatDiagnostic).join('\n')).toEqual(INTENDED_WARNINGS[name] ?? []);
    });
  }

  it('together use every environment', async () => {
    const used = new Set<string>();
    for (const name of examples) {
      const result = await loadTopologyFile(join(folder, name), providers);
      if (result.ok) for (const cluster of Object.values(result.value.topology.clusters)) used.add(cluster.environment);
    }
    expect([...used].sort()).toEqual([...environments].sort());
  });
});
