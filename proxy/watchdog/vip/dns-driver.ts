// `dns`: the leader UPSERTs the A record to its primary private IP with the declared TTL and waits until Route 53
// reports the change INSYNC on its authoritative servers (GetChange, polled with back-off, bounded), so an acquire
// that succeeded means resolvers now get the new address once their cached answer's TTL runs out.
//
// Release does nothing, on purpose: a DNS record has no holder to take away. Deleting it would give clients
// NXDOMAIN — cached for the zone's negative TTL, often far longer than the record's — until the next leader
// UPSERTs; leaving it in place points them at this member, which is no longer the leader, for at most one TTL after
// that UPSERT. The next leader's UPSERT is the move.
import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeResourceRecordSetsCommand, GetChangeCommand } from '@aws-sdk/client-route-53';
import type { DnsVip } from '../../../schemas/topology.ts';
import { AwsVipDriverBase, type AwsVipContext } from './aws-vip-context.ts';
import { vipAwsCall } from './vip-aws-call.ts';
import type { VipDriver } from './vip-driver.ts';

/** The schema's default TTL (schemas/topology.schema.json, DnsVip.ttl). */
export const DEFAULT_TTL_SECONDS = 10;
/**
 * Route 53 usually reaches INSYNC within 60 s. Waits between polls, doubling from 1 s to 8 s: 15 polls cover
 * about 100 s; a change still PENDING then is reported instead of waited for without end.
 */
export const INSYNC_POLL_DELAYS_MS: readonly number[] = [1000, 2000, 4000, ...Array.from({ length: 12 }, () => 8000)];

export class DnsDriver extends AwsVipDriverBase<DnsVip> implements VipDriver {
  readonly type = 'dns';
  readonly #pollDelaysMs: readonly number[];

  constructor(vip: DnsVip, context: AwsVipContext, pollDelaysMs: readonly number[] = INSYNC_POLL_DELAYS_MS) {
    super(vip, context);
    this.#pollDelaysMs = pollDelaysMs;
  }

  describe(): string {
    return `${this.vip.recordName} A ${this.context.identity.privateIp} (TTL ${this.#ttl()} s, zone ${this.vip.hostedZoneId})`;
  }

  async acquire(signal: AbortSignal): Promise<void> {
    const { identity, clients } = this.context;
    const what = `pointing ${this.vip.recordName} at ${identity.privateIp}`;
    const answer = await vipAwsCall('route53:ChangeResourceRecordSets', clients.region, what, () => clients.route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: this.vip.hostedZoneId,
      ChangeBatch: {
        Comment: `pgtopo watchdog: ${identity.instanceId} is the leader`,
        Changes: [{
          Action: 'UPSERT',
          ResourceRecordSet: { Name: this.vip.recordName, Type: 'A', TTL: this.#ttl(), ResourceRecords: [{ Value: identity.privateIp }] },
        }],
      },
    }), { abortSignal: signal }));
    await this.#waitInSync(answer.ChangeInfo?.Id ?? '', answer.ChangeInfo?.Status, what, signal);
  }

  async release(): Promise<void> {
    // See the file comment: the next leader's UPSERT moves the record.
  }

  async #waitInSync(changeId: string, status: string | undefined, what: string, signal: AbortSignal): Promise<void> {
    const { clients } = this.context;
    for (const delay of this.#pollDelaysMs) {
      if (status === 'INSYNC') return;
      await sleep(delay, undefined, { signal });
      const answer = await vipAwsCall('route53:GetChange', clients.region, `${what}: waiting for change ${changeId}`,
        () => clients.route53.send(new GetChangeCommand({ Id: changeId }), { abortSignal: signal }));
      status = answer.ChangeInfo?.Status;
    }
    if (status === 'INSYNC') return;
    const waited = Math.round(this.#pollDelaysMs.reduce((sum, delay) => sum + delay, 0) / 1000);
    throw new Error(`${what}: Route 53 change ${changeId} is still ${status ?? 'unknown'} after ${waited} s`);
  }

  #ttl(): number {
    return this.vip.ttl ?? DEFAULT_TTL_SECONDS;
  }
}
