// The engine drives every provider through one lifecycle: configure before anything touches the world, close
// afterwards also when the run fails, and the topology's identity in the context of every read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../cli/program.ts';
import { closeWorkspace, openWorkspace, planWorkspace, withLockedState } from '../../../engine/plan/workspace.ts';
import { ProviderRegistry, type Provider, type ProviderSettings, type TopologyIdentity } from '../../../providers/provider.ts';
import { simulatedProvider } from '../../../providers/simulated/simulated-provider.ts';

const TOPOLOGY = `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 1 }
users:
  - { name: app, auth: trust }
`;

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-lifecycle-'));
const file = join(dir, 'pgtopo.yaml');
writeFileSync(file, TOPOLOGY);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Recorder {
  registry: ProviderRegistry;
  world: ReturnType<typeof simulatedProvider>['world'];
  /** configure, read, close in the order the engine called them. */
  calls: string[];
  settings: ProviderSettings[];
  readIdentities: TopologyIdentity[];
}

/** The simulated provider with every lifecycle call recorded; `configureError` makes configure fail. */
function recordingProvider(configureError?: string): Recorder {
  const simulated = simulatedProvider(join(dir, `world-${Math.random().toString(36).slice(2)}.json`));
  const recorder: Recorder = { registry: new ProviderRegistry([]), world: simulated.world, calls: [], settings: [], readIdentities: [] };
  const provider: Provider = {
    ...simulated,
    resourceTypes: simulated.resourceTypes.map((type) => ({
      ...type,
      read: (scope, context) => {
        recorder.calls.push('read');
        recorder.readIdentities.push(context.topology);
        return type.read(scope, context);
      },
    })),
    configure: async (settings) => {
      recorder.calls.push('configure');
      recorder.settings.push(settings);
      if (configureError) throw new Error(configureError);
    },
    close: async () => void recorder.calls.push('close'),
  };
  recorder.registry.add(provider);
  return recorder;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('provider lifecycle', () => {
  it('configures the provider with the clusters it serves before reading, and passes the topology identity to read', async () => {
    const recorder = recordingProvider();
    const workspace = await openWorkspace(file, recorder.registry);
    try {
      await planWorkspace(workspace, 'apply', { parallelism: 2 });
    } finally {
      await closeWorkspace(workspace);
    }
    expect(recorder.calls[0]).toBe('configure');
    expect(recorder.calls.at(-1)).toBe('close');
    expect(recorder.calls.filter((call) => call === 'close')).toHaveLength(1);
    expect(recorder.settings[0]).toMatchObject({ topologyDir: dir, clusters: [{ name: 'dev', cluster: { environment: 'local' } }] });
    expect(recorder.readIdentities.length).toBeGreaterThan(0);
    for (const identity of recorder.readIdentities) expect(identity).toEqual({ name: 'shop', ownerTag: 'pgtopo:shop' });
  });

  it('closes the provider when the work under the lock fails', async () => {
    const recorder = recordingProvider();
    const workspace = await openWorkspace(file, recorder.registry);
    await expect(withLockedState(workspace, 'apply', 0, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(recorder.calls).toEqual(['configure', 'close']);
  });

  it('closes a provider whose configure failed, and reports the configure error', async () => {
    const recorder = recordingProvider('no credentials for region x');
    await expect(openWorkspace(file, recorder.registry)).rejects.toThrow('no credentials for region x');
    expect(recorder.calls).toEqual(['configure', 'close']);
  });

  it('closes the provider when a plan fails in a read, through the CLI', async () => {
    const recorder = recordingProvider();
    recorder.world.addFault({ operation: 'read', error: 'API unavailable' });
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await runCli(['--no-color', 'plan', file], recorder.registry);
    vi.restoreAllMocks();
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('API unavailable');
    expect(recorder.calls[0]).toBe('configure');
    expect(recorder.calls.at(-1)).toBe('close');
  });
});
