// Dependencies point one way: bin → cli → engine → providers → proxy-tier → proxy → spelling, and schemas/ from
// anywhere. The engine sees providers only through their interface (providers/provider.ts), never a concrete one,
// and the proxy only through its public contract modules. Every import of every layer is checked, so a new upward import fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-pgtopo.ts';

const LAYERS = ['bin', 'cli', 'engine', 'providers', 'proxy-tier', 'proxy', 'spelling'] as const;
type Layer = (typeof LAYERS)[number];

/** Modules of a lower layer that a layer may not reach into, except for the ones named as its public face. */
const NARROWED: Partial<Record<Layer, { below: Layer; only: string[] }[]>> = {
  engine: [
    { below: 'providers', only: ['providers/provider.ts'] },
    { below: 'proxy', only: ['proxy/config/secret-file.ts'] },
  ],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(repoRoot, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') || dir === 'bin' ? [path] : [];
  });
}

function layerOf(file: string): Layer | 'schemas' | undefined {
  const top = file.split('/')[0];
  return top === 'schemas' ? 'schemas' : LAYERS.find((layer) => layer === top);
}

/** Every repository file `file` imports (statically or with import()), as a path from the repository root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(repoRoot, file), 'utf8'), true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(repoRoot, resolve(repoRoot, dirname(file), specifier)));
}

/** Why `from` may not import `to`, or undefined when it may. */
function violation(from: string, to: string): string | undefined {
  const fromLayer = layerOf(from);
  const toLayer = layerOf(to);
  if (!fromLayer || !toLayer || toLayer === 'schemas' || fromLayer === 'schemas') return undefined;
  if (LAYERS.indexOf(toLayer) < LAYERS.indexOf(fromLayer)) {
    return `${fromLayer} must not import ${toLayer}, a layer above it`;
  }
  const narrowed = NARROWED[fromLayer]?.find((rule) => rule.below === toLayer);
  if (narrowed && !narrowed.only.includes(to)) return `${fromLayer} may import from ${toLayer} only ${narrowed.only.join(', ')}`;
  return undefined;
}

describe('layer imports', () => {
  const files = LAYERS.flatMap((layer) => sourceFiles(layer));

  it('finds the files of every layer', () => {
    for (const layer of LAYERS) expect(files.some((file) => file.startsWith(`${layer}/`)), layer).toBe(true);
  });

  it('has no upward import, no concrete provider and no proxy internals in the engine', () => {
    const problems = files.flatMap((from) => importsOf(from).flatMap((to) => {
      const why = violation(from, to);
      return why ? [`${from} imports ${to}: ${why}`] : [];
    }));
    expect(problems).toEqual([]);
  });

  it('would catch the imports this rule exists for', () => {
    expect(violation('providers/local/local-provider.ts', 'engine/features/effective-features.ts')).toMatch(/layer above/);
    expect(violation('engine/plan/workspace.ts', 'providers/registry.ts')).toMatch(/only providers\/provider.ts/);
    expect(violation('engine/topology/rules/proxy-config-rules.ts', 'proxy/proxy-config.ts')).toMatch(/only proxy\/config/);
    expect(violation('proxy/server.ts', 'cli/program.ts')).toMatch(/layer above/);
    expect(violation('spelling/closest-name.ts', 'engine/topology/did-you-mean.ts')).toMatch(/layer above/);
  });
});
