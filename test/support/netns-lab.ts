// A small network made of Linux network namespaces, for the watchdog's proof (test/proxy/watchdog/watchdog-netns.test.ts)
// and its benchmark (bench/watchdog-bench.ts): a "switch" namespace holding a bridge, one namespace per member and
// one for a client, each plugged into the bridge by a veth pair and given an address on a /24 of its own. Optionally
// the root namespace is plugged in too (`hostLink`), so processes of this machine (PostgreSQL on loopback, behind a
// relay) can be reached from the lab and the lab's members from here. Needs root and `ip netns`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface LabHost {
  /** The namespace; its interface into the bridge is `eth0`. */
  ns: string;
  address: string;
  /** The bridge port of its cable, in the switch namespace: down is a cut cable. */
  cable: string;
}

export interface NetnsLab {
  /** The first three octets of the lab's /24. */
  net: string;
  switchNs: string;
  members: LabHost[];
  client: LabHost;
  /** The root namespace's own address in the lab, with `hostLink`. */
  hostAddress?: string;
  /** An address of the lab that no host has: the VIP. */
  vip: string;
  /** The command line that runs `command` inside `ns`. */
  inNamespace(ns: string, command: string, args: readonly string[]): [string, string[]];
  /** Whether `address` is on the `eth0` of `ns` now. */
  holds(ns: string, address: string): boolean;
  /** Pulls (false) or plugs back (true) a host's cable. */
  setCable(host: LabHost, connected: boolean): void;
  /** Removes every namespace, and with them every veth and the bridge; safe to repeat. */
  tearDown(): void;
}

export interface NetnsLabOptions {
  /** A short prefix for namespace and interface names (2 letters: interface names have at most 15 characters). */
  prefix: string;
  members: number;
  hostLink?: boolean;
}

function ip(args: readonly string[]): { ok: boolean; out: string } {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}` };
}

function must(args: readonly string[]): void {
  const result = ip(args);
  if (!result.ok) throw new Error(`ip ${args.join(' ')}: ${result.out.trim()}`);
}

/** Why namespaces cannot be made here, or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces';
  const probe = `probe${randomBytes(3).toString('hex')}`;
  const made = ip(['netns', 'add', probe]);
  if (!made.ok) return `cannot create a network namespace: ${made.out.trim()}`;
  ip(['netns', 'del', probe]);
  return null;
}

/** A /24 from 10.200–249 picked at random, so parallel runs on one machine do not meet. */
function randomNet(): string {
  return `10.${200 + (randomBytes(1)[0]! % 50)}.${randomBytes(1)[0]!}`;
}

function plugIn(switchNs: string, name: string, host: LabHost): void {
  must(['-n', host.ns, 'link', 'set', 'lo', 'up']);
  must(['link', 'add', name, 'netns', host.ns, 'type', 'veth', 'peer', 'name', host.cable, 'netns', switchNs]);
  must(['-n', host.ns, 'link', 'set', name, 'name', 'eth0']);
  must(['-n', host.ns, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0']);
  must(['-n', host.ns, 'link', 'set', 'eth0', 'up']);
  must(['-n', switchNs, 'link', 'set', host.cable, 'master', 'br0']);
  must(['-n', switchNs, 'link', 'set', host.cable, 'up']);
}

/** The root namespace's cable: its end here keeps the prefixed name (there is an eth0 already). */
function plugInHost(switchNs: string, name: string, address: string): void {
  must(['link', 'add', name, 'type', 'veth', 'peer', 'name', 'host', 'netns', switchNs]);
  must(['addr', 'add', `${address}/24`, 'dev', name]);
  must(['link', 'set', name, 'up']);
  must(['-n', switchNs, 'link', 'set', 'host', 'master', 'br0']);
  must(['-n', switchNs, 'link', 'set', 'host', 'up']);
}

/** Builds the lab; on a failure half-way it removes what it made and throws. */
export function createNetnsLab(options: NetnsLabOptions): NetnsLab {
  const id = `${options.prefix}${randomBytes(3).toString('hex')}`;
  const net = randomNet();
  const switchNs = `${id}sw`;
  const members = Array.from({ length: options.members }, (_, i): LabHost => ({ ns: `${id}p${i}`, address: `${net}.${10 + i}`, cable: `p${i}` }));
  const client: LabHost = { ns: `${id}cl`, address: `${net}.100`, cable: 'cl' };
  const hostAddress = options.hostLink ? `${net}.1` : undefined;
  const namespaces = [switchNs, client.ns, ...members.map((member) => member.ns)];
  const lab: NetnsLab = {
    net, switchNs, members, client, vip: `${net}.200`,
    ...(hostAddress ? { hostAddress } : {}),
    inNamespace: (ns, command, args) => ['ip', ['netns', 'exec', ns, command, ...args]],
    holds: (ns, address) => ip(['-n', ns, '-4', '-o', 'addr', 'show', 'dev', 'eth0']).out.includes(` ${address}/`),
    setCable: (host, connected) => must(['-n', switchNs, 'link', 'set', host.cable, connected ? 'up' : 'down']),
    tearDown: () => {
      for (const ns of namespaces) ip(['netns', 'del', ns]);
    },
  };
  try {
    for (const ns of namespaces) must(['netns', 'add', ns]);
    must(['-n', switchNs, 'link', 'add', 'br0', 'type', 'bridge']);
    must(['-n', switchNs, 'link', 'set', 'br0', 'up']);
    for (const host of [...members, client]) plugIn(switchNs, `${id}${host.cable}`, host);
    if (hostAddress) plugInHost(switchNs, `${id}h`, hostAddress);
  } catch (error) {
    lab.tearDown();
    throw error;
  }
  return lab;
}
