// A roll's wait for a proxy to say it is up: the tag the proxy (or, for Pgpool-II, pgpool-files) puts on its own
// instance, read with DescribeInstances alone, since the operator running pgtopo often cannot reach the instance.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import type { ProviderContext } from '../../provider.ts';
import { tagMap } from '../aws-tags.ts';
import { instancesWhere } from './live-instances.ts';
import type { RollTiming } from './roll-timing.ts';

/** Why the wait ended without the tag: the instance's state ('running', 'terminated', 'gone' …). */
export type TagWaitFailure = (state: string) => Error;

/** Waits until instance `id` carries `key`; fails once it stops running or the roll's timeout passes. */
export async function untilTagged(ec2: EC2Client, region: string, id: string, key: string, timing: RollTiming, context: ProviderContext,
  failure: TagWaitFailure): Promise<Instance> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const [instance] = await instancesWhere(ec2, region, [{ Name: 'instance-id', Values: [id] }]);
    if (instance && tagMap(instance.Tags)[key] !== undefined) return instance;
    if (instance?.State?.Name !== 'running' || Date.now() > deadline) throw failure(instance?.State?.Name ?? 'gone');
    await sleep(timing.pollMs, undefined, { signal: context.signal });
  }
}
