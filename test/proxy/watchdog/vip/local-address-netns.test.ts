// The local-address module with the real `ip`, inside a network namespace of its own (a veth end, as the test
// machine has no dummy interfaces): adding twice leaves one address, removing twice succeeds — whatever wording
// this kernel uses for "not there" — and a missing interface fails with what `ip` said.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileRunner, LocalAddress, type CommandRunner } from '../../../../proxy/watchdog/vip/local-address.ts';

const NAMESPACE = `pgtopo-vip-${process.pid}`;
const canCreate = (() => {
  try {
    execFileSync('ip', ['netns', 'add', NAMESPACE], { stdio: 'pipe' });
    execFileSync('ip', ['-n', NAMESPACE, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1'], { stdio: 'pipe' });
    execFileSync('ip', ['-n', NAMESPACE, 'link', 'set', 'v0', 'up'], { stdio: 'pipe' });
    return true;
  } catch (error) {
    console.warn(`skipping the network-namespace test: cannot create one here (${(error as Error).message.split('\n')[0]})`);
    return false;
  }
})();

/** `ip …` run as `ip netns exec <namespace> ip …`. */
const inNamespace: CommandRunner = (file, args, signal) => execFileRunner('ip', ['netns', 'exec', NAMESPACE, file, ...args], signal);
const addresses = () => execFileSync('ip', ['-n', NAMESPACE, '-o', '-4', 'addr', 'show', 'dev', 'v0'], { encoding: 'utf8' });

afterAll(() => {
  if (canCreate) execFileSync('ip', ['netns', 'del', NAMESPACE]);
});

describe.skipIf(!canCreate)('a VIP on a real interface', () => {
  const signal = () => AbortSignal.timeout(10_000);

  it('adds idempotently and removes repeatably, for a few rounds', async () => {
    const vip = new LocalAddress({ address: '10.99.0.7', prefixLength: 32, interface: 'v0' }, inNamespace);
    for (let round = 0; round < 3; round += 1) {
      await vip.add(signal());
      await vip.add(signal());
      expect(addresses().match(/inet 10\.99\.0\.7\/32/g)).toHaveLength(1);
      await vip.remove(signal());
      await vip.remove(signal());
      expect(addresses()).not.toContain('10.99.0.7');
    }
  });

  it('says what `ip` said when the interface does not exist', async () => {
    const vip = new LocalAddress({ address: '10.99.0.8', prefixLength: 32, interface: 'nope0' }, inNamespace);
    await expect(vip.add(signal())).rejects.toThrow(/ip addr replace 10\.99\.0\.8\/32 dev nope0 failed: .*nope0/);
  });
});
