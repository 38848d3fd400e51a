// `pgtopo render` asks the cluster's provider where the backends run: a managed database's endpoints are not on
// 127.0.0.1, and only the provider knows them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { runCli } from '../../cli/program.ts';
import { ProviderRegistry, type Provider } from '../../providers/provider.ts';
import { simulatedProvider } from '../../providers/simulated/simulated-provider.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-render-'));
const file = join(dir, 'pgtopo.yaml');
writeFileSync(file, `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 2 }
users:
  - { name: app, auth: trust }
`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function render(provider: Provider): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(['--no-color', 'render', file, '--cluster', 'dev'], new ProviderRegistry([provider]));
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('pgtopo render', () => {
  it('puts the backends the provider reports into the proxy config', async () => {
    const provider: Provider = {
      ...simulatedProvider(join(dir, 'world.json')),
      backends: (_cluster, features) => (features.backends ?? []).map((node, index) => ({
        name: node.name, host: `db-${index}.example.internal`, port: 5432, role: index === 0 ? 'primary' : 'standby',
      })),
    };
    const result = await render(provider);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const config = YAML.parse(result.stdout) as { backends: { host: string; port: number; role: string }[] };
    expect(config.backends.map(({ host, port, role }) => ({ host, port, role }))).toEqual([
      { host: 'db-0.example.internal', port: 5432, role: 'primary' },
      { host: 'db-1.example.internal', port: 5432, role: 'standby' },
    ]);
  });

  it('says so when the provider cannot tell where the backends run', async () => {
    const result = await render(simulatedProvider(join(dir, 'world.json')));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the simulated provider cannot tell where the backends run');
  });
});
