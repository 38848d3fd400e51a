// `pgtopo proxy` runs with the young-generation bound every launcher passes (proxy/young-generation.ts) even when
// started by hand without it: it replaces its own process, keeping its PID, with one that has the flag. A semi-space
// setting of the user's own (NODE_OPTIONS or node's command line) is left as it is.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROXY_NODE_FLAGS } from '../../proxy/young-generation.ts';
import { startPgtopo, untilListening, writeIdleProxyConfig } from './run-pgtopo.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-node-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = join(dir, 'proxy.json');
writeIdleProxyConfig(config);

/** The node flags of the running `pgtopo proxy` (from /proc: what the process runs now, under the PID it started with). */
async function flagsOfRunningProxy(env: Record<string, string | undefined>): Promise<string[]> {
  const proxy = startPgtopo(['proxy', '--config', config], { env });
  await untilListening(proxy);
  expect(proxy.output().stderr).toContain('proxy listening');
  const argv = readFileSync(`/proc/${proxy.child.pid}/cmdline`, 'utf8').split('\0');
  proxy.child.kill('SIGTERM');
  expect((await proxy.done).code).toBe(0);
  return argv.slice(1, argv.findIndex((arg) => arg.endsWith('bin/pgtopo')));
}

describe('pgtopo proxy started by hand', () => {
  it('runs with the young-generation bound, under its own PID', async () => {
    expect(await flagsOfRunningProxy({ NODE_OPTIONS: undefined })).toEqual([...PROXY_NODE_FLAGS]);
  });

  it("keeps a semi-space setting of the user's own", async () => {
    expect(await flagsOfRunningProxy({ NODE_OPTIONS: '--max-semi-space-size=4' })).toEqual([]);
  });
});
