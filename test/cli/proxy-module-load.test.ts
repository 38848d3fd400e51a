// `pgtopo proxy` runs for as long as the proxy does, so what it loads stays in its memory: it must not load the
// commands it does not run, the engine, the providers, or SDKs for features its config does not use (an `ssm:`
// config source, an AWS VIP, a metrics endpoint load theirs when configured), nor Ajv's schema compiler.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, startPgtopo, untilListening, writeIdleProxyConfig } from './run-pgtopo.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-module-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOT_FOR_A_PLAIN_PROXY = [
  /\/node_modules\/(@aws-sdk|@smithy|@kubernetes|cdktn|constructs|prom-client)\//,
  /^file:\/\/[^ ]*\/(engine|providers|proxy-tier)\//,
  /\/cli\/commands\/(?!proxy\.ts)/,
  /\/node_modules\/ajv\//, // the config schema is compiled ahead of time (proxy-config-validators.js)
];

/** The module URLs `pgtopo proxy` loaded from start to a graceful stop, on a config without AWS or metrics. */
async function modulesOfARunningProxy(): Promise<string[]> {
  const config = join(dir, 'proxy.json');
  writeIdleProxyConfig(config);
  const list = join(dir, 'modules.txt');
  writeFileSync(list, '');
  const hook = join(repoRoot, 'test/support/loaded-modules-hook.ts');
  const proxy = startPgtopo(['proxy', '--config', config], { env: { NODE_OPTIONS: `--import=${hook}`, PGTOPO_TEST_LOADED_MODULES: list } });
  await untilListening(proxy);
  expect(proxy.output().stderr).toContain('proxy listening');
  proxy.child.kill('SIGTERM');
  expect((await proxy.done).code).toBe(0);
  return readFileSync(list, 'utf8').split('\n').filter((line) => line !== '');
}

describe('pgtopo proxy', () => {
  it('loads the proxy and its config reader, and none of the CLI, engine, providers or unused SDKs', async () => {
    const modules = await modulesOfARunningProxy();
    expect(modules.some((url) => url.endsWith('/proxy/server.ts'))).toBe(true); // the hook saw the proxy load
    expect(modules.some((url) => url.includes('/node_modules/yaml/'))).toBe(true);
    expect(modules.some((url) => url.endsWith('/proxy/config/proxy-config-validators.js'))).toBe(true);
    expect(modules.filter((url) => NOT_FOR_A_PLAIN_PROXY.some((pattern) => pattern.test(url)))).toEqual([]);
  });
});
