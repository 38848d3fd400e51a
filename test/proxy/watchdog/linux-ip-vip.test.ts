// The `ip` VIP driver against the real kernel, on `lo` with an address of RFC 2544's benchmarking range: acquiring
// twice is acquiring once, releasing twice (or what is not held) succeeds, and the guard removes the address when
// the process that holds it dies. Root only (ip addr needs CAP_NET_ADMIN).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LinuxIpVip } from '../../../proxy/watchdog/vip/linux-ip-vip.ts';

const VIP = `198.18.${randomBytes(1)[0]!}.${1 + (randomBytes(1)[0]! % 250)}`;
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('ip VIP driver test skipped: ip addr needs root (CAP_NET_ADMIN)');

function onLo(): number {
  return spawnSync('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo'], { encoding: 'utf8' }).stdout.split(` ${VIP}/32`).length - 1;
}

afterAll(() => {
  spawnSync('ip', ['-4', 'addr', 'del', `${VIP}/32`, 'dev', 'lo']);
});

describe.skipIf(!isRoot)('ip VIP driver', () => {
  it('acquires idempotently and releases safely, again and again', async () => {
    const driver = new LinuxIpVip({ type: 'ip', address: VIP, interface: 'lo' });
    expect(driver.describe()).toBe(`${VIP}/32 on lo`);
    await driver.release(AbortSignal.timeout(5000));
    await driver.acquire(AbortSignal.timeout(5000));
    await driver.acquire(AbortSignal.timeout(5000));
    expect(onLo()).toBe(1);
    await driver.release(AbortSignal.timeout(5000));
    await driver.release(AbortSignal.timeout(5000));
    expect(onLo()).toBe(0);
  });

  it('its guard removes the address when the holding process is killed', async () => {
    const script = `import { LinuxIpVip } from ${JSON.stringify(new URL('../../../proxy/watchdog/vip/linux-ip-vip.ts', import.meta.url).href)};
await new LinuxIpVip({ type: 'ip', address: '${VIP}', interface: 'lo' }).acquire(AbortSignal.timeout(5000));
process.stdout.write('held\\n');
setInterval(() => undefined, 1000);`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    expect(onLo()).toBe(1);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const deadline = Date.now() + 10_000;
    while (onLo() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onLo()).toBe(0);
  });
});
