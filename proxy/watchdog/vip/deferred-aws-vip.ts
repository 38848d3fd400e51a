// An AWS VIP driver for the builtin proxy's watchdog. The real driver needs the instance's identity from IMDSv2 and
// SDK clients of its region, which only exist on the instance and take a request to learn; the watchdog wants its
// driver when the proxy starts. So the driver is opened at its first use (a leader's first acquire, or a release)
// and kept; an opening that failed is tried again at the next use, since IMDS can be slow right after boot. The
// drivers' modules (and the AWS SDK under them) are imported then too: a proxy without an AWS VIP never loads them.
import type { VipDocument } from '../../config/proxy-config-document.ts';
import type { AwsVip, OpenedVipDriver } from './aws-vip-driver.ts';
import type { VipDriver } from './vip-driver.ts';

export class DeferredAwsVip implements VipDriver {
  readonly type: string;
  readonly #vip: AwsVip;
  #opened: Promise<OpenedVipDriver> | null = null;

  constructor(vip: Exclude<VipDocument, { type: 'ip' }>) {
    this.type = vip.type;
    this.#vip = awsVip(vip);
  }

  describe(): string {
    const vip = this.#vip;
    switch (vip.type) {
      case 'elastic-ip': return `Elastic IP ${vip.allocationId}`;
      case 'secondary-ip': return `secondary private IP ${vip.address}`;
      case 'route-table': return `route ${vip.address}/32 in ${vip.routeTables.join(', ')}`;
      case 'dns': return `A record ${vip.recordName}`;
    }
  }

  async acquire(signal: AbortSignal): Promise<void> {
    await (await this.#open(signal)).driver.acquire(signal);
  }

  async release(signal: AbortSignal): Promise<void> {
    await (await this.#open(signal)).driver.release(signal);
  }

  #open(signal: AbortSignal): Promise<OpenedVipDriver> {
    this.#opened ??= import('./aws-vip-driver.ts').then(({ openAwsVipDriver }) => openAwsVipDriver(this.#vip, signal)).catch((error: unknown) => {
      this.#opened = null;
      throw error;
    });
    return this.#opened;
  }
}

/** The config's VIP as the drivers take it; the schema has made sure a route-table VIP names a route table. */
function awsVip(vip: Exclude<VipDocument, { type: 'ip' }>): AwsVip {
  if (vip.type !== 'route-table') return vip;
  const [first, ...rest] = vip.routeTables;
  if (first === undefined) throw new Error('watchdog.vip: a route-table VIP needs at least one route table');
  return { ...vip, routeTables: [first, ...rest] };
}
