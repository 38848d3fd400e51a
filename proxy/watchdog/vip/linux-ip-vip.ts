// The classic VIP (on-premises and local): the address on an interface of the leader's host (`ip addr`), then a
// gratuitous ARP (`arping -U`, Debian's iputils-arping) so the neighbours' caches point at the new holder at once
// instead of after their entries time out. Privileges: `ip addr add/del` needs CAP_NET_ADMIN, arping's raw socket
// CAP_NET_RAW (Debian's arping has it as a file capability). The proxy runs as an unprivileged user, so whoever
// starts it grants CAP_NET_ADMIN as an ambient capability (providers/local/proxy-process.ts does, with setpriv).
// An address outlives the process that added it, so while it holds the VIP a tiny guard (`sh`, reading a pipe
// from the proxy) removes it the moment the proxy dies, even by kill -9: a crashed leader holds nothing.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { LinuxIpVipDocument } from '../../config/proxy-config-document.ts';
import type { VipDriver } from './vip-driver.ts';

const run = promisify(execFile);

/** `ip` and `arping` live in sbin directories an unprivileged user's PATH often lacks. */
function command(name: string): string {
  return ['/usr/sbin', '/sbin', '/usr/bin', '/bin'].map((dir) => `${dir}/${name}`).find((path) => existsSync(path)) ?? name;
}

export class LinuxIpVip implements VipDriver {
  readonly type = 'ip';
  readonly #address: string;
  readonly #prefixLength: number;
  readonly #interface: string;
  #guard: ChildProcess | null = null;

  constructor(vip: LinuxIpVipDocument) {
    this.#address = vip.address;
    this.#prefixLength = vip.prefixLength ?? 32;
    this.#interface = vip.interface ?? 'lo';
  }

  describe(): string {
    return `${this.#address}/${this.#prefixLength} on ${this.#interface}`;
  }

  /** `replace` succeeds when the address is there already: acquiring twice is acquiring once. */
  async acquire(signal: AbortSignal): Promise<void> {
    await this.#ip(['addr', 'replace', this.#cidr, 'dev', this.#interface], signal);
    this.#startGuard();
    // A loopback address has no neighbours to tell.
    if (this.#interface === 'lo') return;
    await run(command('arping'), ['-q', '-U', '-c', '1', '-I', this.#interface, this.#address], { signal }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`arping -U ${this.#address} on ${this.#interface} failed: ${firstLine(error)}`);
    });
  }

  /** An address that is not there is released already (iproute2 says `Address not found`, older ones EADDRNOTAVAIL). */
  async release(signal: AbortSignal): Promise<void> {
    this.#stopGuard();
    try {
      await this.#ip(['addr', 'del', this.#cidr, 'dev', this.#interface], signal);
    } catch (error) {
      if (/Address not found|Cannot assign requested address/.test((error as Error).message)) return;
      throw error;
    }
  }

  /** Its stdin is a pipe from this process: end of file, when the proxy dies, runs `ip addr del`. */
  #startGuard(): void {
    if (this.#guard && this.#guard.exitCode === null) return;
    const script = 'read -r _; exec "$0" -4 addr del "$1" dev "$2"';
    const guard = spawn('/bin/sh', ['-c', script, command('ip'), this.#cidr, this.#interface], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
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

  async #ip(args: string[], signal: AbortSignal): Promise<void> {
    await run(command('ip'), ['-4', ...args], { signal }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`ip ${args.join(' ')} failed: ${firstLine(error)}`);
    });
  }
}

function firstLine(error: Error & { stderr?: string }): string {
  return (error.stderr?.trim() || error.message).split('\n')[0]!;
}
