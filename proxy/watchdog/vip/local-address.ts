// The VIP as an address on one of this machine's interfaces, for the drivers that need the kernel to accept
// packets for it (secondary-ip, route-table; the `ip` driver adds gratuitous ARP on top). `ip addr` through
// execFile, never a shell: the address and interface are arguments, not text to parse. Needs CAP_NET_ADMIN.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** Runs a program with arguments; rejects with its stderr in the error when it exits non-zero. */
export type CommandRunner = (file: string, args: string[], signal: AbortSignal) => Promise<void>;

export interface LocalAddressSpec {
  address: string;
  prefixLength: number;
  interface: string;
}

/** `ip` and `arping` live in sbin directories an unprivileged user's PATH often lacks; else the name, from PATH. */
export function systemCommand(name: string): string {
  return ['/usr/sbin', '/sbin', '/usr/bin', '/bin'].map((dir) => `${dir}/${name}`).find((path) => existsSync(path)) ?? name;
}

/** Runs the program (found as systemCommand does); the failure carries what it said on stderr. */
export const execFileRunner: CommandRunner = (file, args, signal) => new Promise((resolve, reject) => {
  execFile(systemCommand(file), args, { signal }, (error, _stdout, stderr) => {
    if (!error) resolve();
    else reject(Object.assign(error, { stderr: String(stderr) }));
  });
});

/** What `ip` says when asked to delete an address the interface does not have: older kernels, then newer ones. */
const NOT_ASSIGNED = /Cannot assign requested address|Address not found/;

export class LocalAddress {
  readonly #spec: LocalAddressSpec;
  readonly #run: CommandRunner;

  constructor(spec: LocalAddressSpec, run: CommandRunner = execFileRunner) {
    this.#spec = spec;
    this.#run = run;
  }

  describe(): string {
    return `${this.#cidr()} on ${this.#spec.interface}`;
  }

  /** `ip addr replace` adds the address or leaves it as it is: acquiring twice is no error. */
  async add(signal: AbortSignal): Promise<void> {
    await this.#ip(['addr', 'replace', this.#cidr(), 'dev', this.#spec.interface], signal);
  }

  /** Removing an address that is not there succeeds, so a release can be repeated. */
  async remove(signal: AbortSignal): Promise<void> {
    await this.#ip(['addr', 'del', this.#cidr(), 'dev', this.#spec.interface], signal, NOT_ASSIGNED);
  }

  /** Runs `ip`; a failure whose stderr matches `harmless` counts as done. */
  async #ip(args: string[], signal: AbortSignal, harmless?: RegExp): Promise<void> {
    try {
      await this.#run('ip', args, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
      if (harmless?.test(stderr)) return;
      throw new Error(`ip ${args.join(' ')} failed: ${stderr || (error as Error).message} (the proxy needs CAP_NET_ADMIN to change addresses)`, { cause: error });
    }
  }

  #cidr(): string {
    return `${this.#spec.address}/${this.#spec.prefixLength}`;
  }
}

/** The name of the interface with this MAC address (the ENI IMDS describes), e.g. `ens5`. */
export function interfaceWithMac(mac: string, interfaces = networkInterfaces()): string {
  const wanted = mac.toLowerCase();
  const name = Object.entries(interfaces).find(([, addresses]) => addresses?.some((address) => address.mac.toLowerCase() === wanted))?.[0];
  if (name === undefined) throw new Error(`no network interface of this machine has MAC address ${mac} (the instance's primary ENI)`);
  return name;
}
