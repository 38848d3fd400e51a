// The classic VIP (on-premises and local): the address on an interface of the leader's host (`ip addr`), then a
// gratuitous ARP (`arping -U`, Debian's iputils-arping) so the neighbours' caches point at the new holder at once
// instead of after their entries time out. Privileges: `ip addr add/del` needs CAP_NET_ADMIN, arping's raw socket
// CAP_NET_RAW (Debian's arping has it as a file capability). The proxy runs as an unprivileged user, so whoever
// starts it grants CAP_NET_ADMIN as an ambient capability (providers/local/proxy-process.ts does, with setpriv).
// An address outlives the process that added it, so while it holds the VIP a tiny guard (`sh`, reading a pipe
// from the proxy) removes it the moment the proxy dies, even by kill -9: a crashed leader holds nothing.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import type { LinuxIpVipDocument } from '../../config/proxy-config-document.ts';
import { LocalAddress, systemCommand } from './local-address.ts';
import type { VipDriver } from './vip-driver.ts';

const run = promisify(execFile);

export class LinuxIpVip implements VipDriver {
  readonly type = 'ip';
  readonly #address: string;
  readonly #prefixLength: number;
  readonly #interface: string;
  readonly #local: LocalAddress;
  #guard: ChildProcess | null = null;

  constructor(vip: LinuxIpVipDocument) {
    this.#address = vip.address;
    this.#prefixLength = vip.prefixLength ?? 32;
    this.#interface = vip.interface ?? 'lo';
    this.#local = new LocalAddress({ address: this.#address, prefixLength: this.#prefixLength, interface: this.#interface });
  }

  describe(): string {
    return this.#local.describe();
  }

  /** Adding an address that is there already succeeds: acquiring twice is acquiring once. */
  async acquire(signal: AbortSignal): Promise<void> {
    await this.#local.add(signal);
    this.#startGuard();
    // A loopback address has no neighbours to tell.
    if (this.#interface === 'lo') return;
    await run(systemCommand('arping'), ['-q', '-U', '-c', '1', '-I', this.#interface, this.#address], { signal }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`arping -U ${this.#address} on ${this.#interface} failed: ${firstLine(error)}`);
    });
  }

  /** An address that is not there is released already. */
  async release(signal: AbortSignal): Promise<void> {
    this.#stopGuard();
    await this.#local.remove(signal);
  }

  /** Its stdin is a pipe from this process: end of file, when the proxy dies, runs `ip addr del`. */
  #startGuard(): void {
    if (this.#guard && this.#guard.exitCode === null) return;
    const script = 'read -r _; exec "$0" -4 addr del "$1" dev "$2"';
    const guard = spawn('/bin/sh', ['-c', script, systemCommand('ip'), this.#cidr, this.#interface], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    guard.on('error', () => undefined);
    guard.unref();
    (guard.stdin as NodeJS.WritableStream & { unref?: () => void } | null)?.unref?.();
    this.#guard = guard;
  }

  #stopGuard(): void {
    this.#guard?.kill('SIGKILL');
    this.#guard = null;
  }

  get #cidr(): string {
    return `${this.#address}/${this.#prefixLength}`;
  }
}

function firstLine(error: Error & { stderr?: string }): string {
  return (error.stderr?.trim() || error.message).split('\n')[0]!;
}
