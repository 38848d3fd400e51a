// Every secret a plan will read is checked before it reads any: all missing variables and files in one error,
// each at its line and column, and opening the state backend asks only for its own connection.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertSecretsReadable, unreadableSecrets } from '../../../engine/plan/secret-source-check.ts';
import { SecretResolver } from '../../../engine/plan/secret-resolver.ts';
import { parseTopology, type LoadedTopology } from '../../../engine/topology/load-topology.ts';
import { ProviderRegistry } from '../../../providers/provider.ts';

const TOPOLOGY = `version: 1
name: shop
state:
  backend: postgres
  connection: { fromEnv: STATE_URL }
users:
  - { name: app, password: { fromEnv: APP_PASSWORD } }
  - { name: report, password: { fromFile: secrets/report.txt } }
  - { name: ops, password: { fromFile: secrets } }
clusters:
  dev:
    environment: local
    proxy:
      monitor: { name: watcher, password: { fromEnv: MONITOR_PASSWORD } }
  test:
    environment: local
    postgres: { port: 55432 }
    proxy: { port: 7432 }
`;

describe('the secret check before a plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-secret-check-'));
  mkdirSync(join(dir, 'secrets'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function load(): LoadedTopology {
    const result = parseTopology(TOPOLOGY, 'pgtopo.yaml', new ProviderRegistry([]), dir);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    return result.value;
  }

  it('names every unreadable secret once, at its key, shared users included', () => {
    const findings = unreadableSecrets(load(), new SecretResolver(dir, {}), 'all');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.path}: ${f.message}`)).toEqual([
      '5:26 state.connection.fromEnv: environment variable STATE_URL is not set',
      '7:39 users.0.password.fromEnv: environment variable APP_PASSWORD is not set',
      `8:43 users.1.password.fromFile: secret file ${join(dir, 'secrets/report.txt')}: no such file`,
      `9:40 users.2.password.fromFile: secret file ${join(dir, 'secrets')}: it is a directory, not a file`,
      '14:54 clusters.dev.proxy.monitor.password.fromEnv: environment variable MONITOR_PASSWORD is not set',
    ]);
  });

  it('is quiet once everything can be read, and never puts a value in its findings', () => {
    writeFileSync(join(dir, 'secrets', 'report.txt'), 'r3port\n');
    const env = { STATE_URL: 'postgresql://x', APP_PASSWORD: 'a', MONITOR_PASSWORD: 'm' };
    const partly = unreadableSecrets(load(), new SecretResolver(dir, env), 'all');
    expect(partly.map((f) => f.path)).toEqual(['users.2.password.fromFile']);
    expect(JSON.stringify(partly)).not.toContain('r3port');
    const loaded = { ...load(), topology: { ...load().topology, users: load().topology.users?.slice(0, 2) } };
    expect(unreadableSecrets(loaded, new SecretResolver(dir, env), 'all')).toEqual([]);
  });

  it('asks only for the state connection when only the state backend is opened', () => {
    const findings = unreadableSecrets(load(), new SecretResolver(dir, { STATE_URL: 'postgresql://x' }), 'state');
    expect(findings).toEqual([]);
    expect(() => assertSecretsReadable(load(), new SecretResolver(dir, {}), 'state'))
      .toThrow(/^a secret of pgtopo\.yaml cannot be read:\n.*pgtopo\.yaml:5:26.*STATE_URL is not set/s);
  });

  it('throws one error listing all of them', () => {
    expect(() => assertSecretsReadable(load(), new SecretResolver(dir, {}), 'all')).toThrow(/^4 secrets of pgtopo\.yaml cannot be read:\n(.*\n)*.*MONITOR_PASSWORD/);
  });
});
