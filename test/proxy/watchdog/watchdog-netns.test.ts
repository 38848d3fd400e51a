// The proof with real processes and real addresses: three `pgtopo proxy` processes, each in its own network
// namespace on one bridge, with the `ip` VIP driver, and a client in a fourth namespace asking SHOW WATCHDOG through
// the VIP. A checker reads every proxy namespace's addresses every ~50 ms throughout and records any moment two
// hold the VIP. Kill -9 of the leader: the VIP answers from a new leader (the time is printed, not asserted).
// Cutting the leader's cable: the minority side lets the VIP go and the majority elects a new holder. Three rounds
// each. Skipped, saying why, where network namespaces cannot be made (not root, no `ip netns`).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetnsLab, netnsUnavailable, type NetnsLab } from '../../support/netns-lab.ts';

const PGTOPO = join(import.meta.dirname, '../../../bin/pgtopo');
const PROBE = join(import.meta.dirname, 'vip-probe.ts');
const PORT = 6432;
const HEARTBEAT_PORT = 9694;
const ROUNDS = 3;
/** Short settings, so a round takes about a second: takeover delay (300 + 25 + 300) × 1.1 ≈ 690 ms. */
const TIMING = { heartbeatIntervalMs: 100, deadTimeMs: 400, leaseMs: 300, releaseTimeoutMs: 300 };
/** At load 14 on 2 cores the file took 60–80 s, most of it starting node processes (each takes seconds then). */
const LOADED_MACHINE_TIMEOUT_MS = 180_000;

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`watchdog netns proof skipped: ${unavailable}`);

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-watchdog-netns-'));
let lab: NetnsLab;
const proxies: (ChildProcess | null)[] = [null, null, null];
const logs = ['', '', ''];
let probe: ChildProcess | null = null;
const answers: { at: number; member: string | null; alive: number | null }[] = [];
let sampling = false;
const doubleHolders: string[] = [];
let samples = 0;

function startProxy(index: number): void {
  const config = {
    listen: { host: '0.0.0.0', port: PORT },
    backends: [{ name: 'nowhere', host: '127.0.0.1', port: 1 }],
    users: [{ name: 'admin1', admin: true }],
    hba: [{ type: 'host', database: 'all', user: 'all', address: 'all', method: 'trust' }],
    watchdog: {
      self: index,
      members: [0, 1, 2].map((i) => ({ name: `proxy[${i}]`, host: lab.members[i]!.address, port: HEARTBEAT_PORT })),
      vip: { type: 'ip', address: lab.vip, interface: 'eth0', prefixLength: 32 },
      ...TIMING,
    },
  };
  const path = join(dir, `proxy${index}.json`);
  writeFileSync(path, JSON.stringify(config));
  const child = spawn(...lab.inNamespace(lab.members[index]!.ns, process.execPath, [PGTOPO, 'proxy', '--config', path]), { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (logs[index] += chunk.toString()));
  proxies[index] = child;
}

async function killProxy(index: number): Promise<void> {
  const child = proxies[index];
  proxies[index] = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function holds(ns: string): boolean {
  return lab.holds(ns, lab.vip);
}

/** The checker: every ~50 ms, who holds the VIP. spawnSync keeps the three reads close together. */
async function sample(): Promise<void> {
  while (sampling) {
    const holders = lab.members.map((member) => member.ns).filter((ns) => holds(ns));
    samples++;
    if (holders.length > 1) doubleHolders.push(`${new Date().toISOString()}: ${holders.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startProbe(): void {
  const child = spawn(...lab.inNamespace(lab.client.ns, process.execPath, [PROBE, lab.vip, String(PORT)]), { stdio: ['ignore', 'pipe', 'ignore'] });
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) answers.push(JSON.parse(line) as (typeof answers)[number]);
  });
  probe = child;
}

/**
 * Waits until the VIP answers from a member other than `not` (seeing `alive` members alive), and returns it with the
 * time it first did after `since`.
 */
async function answeringMember(since: number, not: string | null, alive = 2, limitMs = 15_000): Promise<{ member: string; at: number }> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const answer = answers.find((a) => a.at >= since && a.member !== null && a.member !== not && (a.alive ?? 0) >= alive);
    if (answer) return { member: answer.member!, at: answer.at };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the VIP did not answer from a member other than ${not} within ${limitMs} ms; logs:\n${logs.map((l) => l.split('\n').slice(-15).join('\n')).join('\n---\n')}`);
}

const indexOf = (member: string): number => Number(/\[(\d)\]/.exec(member)![1]);

describe.skipIf(unavailable !== null)('watchdog across network namespaces', () => {
  beforeAll(() => {
    lab = createNetnsLab({ prefix: 'wd', members: 3 });
    for (const index of [0, 1, 2]) startProxy(index);
    startProbe();
    sampling = true;
    void sample();
  });

  afterAll(async () => {
    sampling = false;
    probe?.kill('SIGKILL');
    for (const index of [0, 1, 2]) await killProxy(index);
    lab?.tearDown();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`kill -9 of the leader: the VIP answers from a new leader (${ROUNDS} rounds)`, async () => {
    const started = Date.now();
    let current = await answeringMember(0, null, 3, 30_000);
    console.log(`watchdog netns: the first leader answered ${current.at - started} ms after the test began`);
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Only with all three back (the one killed last round restarted) is this a failover and not a lost quorum.
      current = await answeringMember(Date.now(), null, 3, 30_000);
      const leader = indexOf(current.member);
      const killedAt = Date.now();
      await killProxy(leader);
      const next = await answeringMember(killedAt, current.member);
      times.push(next.at - killedAt);
      expect(holds(lab.members[leader]!.ns), 'the killed leader\'s guard removed its VIP').toBe(false);
      startProxy(leader);
    }
    console.log(`watchdog netns: kill -9 of the leader → VIP answers from the new leader after ${times.join(', ')} ms (heartbeat 100 ms, dead time 400 ms, lease 300 ms)`);
    expect(doubleHolders).toEqual([]);
  }, LOADED_MACHINE_TIMEOUT_MS);

  it(`a partitioned leader releases the VIP and the majority elects a new holder (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const current = await answeringMember(Date.now(), null, 3);
      const leader = indexOf(current.member);
      const cutAt = Date.now();
      lab.setCable(lab.members[leader]!, false);
      const next = await answeringMember(cutAt, current.member);
      expect(holds(lab.members[leader]!.ns), 'the minority side let the VIP go').toBe(false);
      lab.setCable(lab.members[leader]!, true);
      console.log(`watchdog netns: leader ${current.member} cut off → ${next.member} answers after ${next.at - cutAt} ms`);
    }
    expect(samples).toBeGreaterThan(20);
    expect(doubleHolders).toEqual([]);
  }, LOADED_MACHINE_TIMEOUT_MS);
});
