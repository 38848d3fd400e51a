// Whether a watchdog tier's members are in the tier, read from EC2 alone: a builtin member tags its own instance
// once it serves and knows a leader (proxy/watchdog/joined-tag.ts). A roll uses it twice. Before it terminates a
// member, every other running member must have joined, or that termination would leave the tier short of a quorum
// (a member an earlier roll left broken, say). After the successor runs, the roll waits for its tag, so a template
// version whose proxy never starts stops at the first member. A tier none of whose instances ever tagged itself
// (Pgpool-II, or proxies launched before pgtopo tagged) is waited for until `running` only, as before.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import type { ObservedObject, ProviderContext } from '../../provider.ts';
import { TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { instancesWhere } from './live-instances.ts';
import type { RollTiming } from './roll-timing.ts';

/** The tag a member puts on its instance, named in its config as `watchdog.joinedTag`. */
export const WATCHDOG_JOINED_TAG = 'pgtopo:watchdog-joined';
/** Names the member ENI an instance was launched on: what marks a watchdog member's instance. */
export const NETWORK_INTERFACE_TAG = 'pgtopo:network-interface';

export interface TierJoinReport {
  /** Some instance of the tier has tagged itself: its proxies say when they joined, so successors are waited for. */
  reportsJoining: boolean;
  /** The other running members that have not joined, as `address (instance id)`. */
  notJoined: string[];
}

/** The tier of the member `current` is, as EC2 sees it now. */
export async function tierJoinReport(ec2: EC2Client, region: string, current: ObservedObject, context: ProviderContext): Promise<TierJoinReport> {
  const members = await instancesWhere(ec2, region, [
    ...topologyFilters(context.topology),
    { Name: `tag:${TAG.cluster}`, Values: [String(current.attributes.cluster)] },
    { Name: 'tag-key', Values: [NETWORK_INTERFACE_TAG] },
  ], ['pending', 'running']);
  const reportsJoining = members.some(joined);
  const others = members.filter((member) => member.InstanceId !== current.id);
  const notJoined = reportsJoining ? others.filter((member) => !joined(member)).map(describeMember) : [];
  return { reportsJoining, notJoined };
}

/** Waits until the successor's proxy has tagged its instance. */
export async function untilJoined(ec2: EC2Client, region: string, id: string, timing: RollTiming, context: ProviderContext): Promise<Instance> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const [instance] = await instancesWhere(ec2, region, [{ Name: 'instance-id', Values: [id] }]);
    if (instance && joined(instance)) return instance;
    if (instance?.State?.Name !== 'running' || Date.now() > deadline) {
      throw new Error(`${id} ${instance?.State?.Name === 'running' ? 'runs' : `is ${instance?.State?.Name ?? 'gone'}`}, but its proxy has not ` +
        `joined the watchdog within ${timing.timeoutMs / 1000} s (no ${WATCHDOG_JOINED_TAG} tag): the roll stops here and the other members ` +
        `are left alone. See its console output (aws ec2 get-console-output --instance-id ${id}) and the proxy's log ` +
        '(journalctl -u pgtopo-proxy on it), fix the template, then apply again');
    }
    await sleep(timing.pollMs, undefined, { signal: context.signal });
  }
}

function joined(instance: Instance): boolean {
  return tagMap(instance.Tags)[WATCHDOG_JOINED_TAG] !== undefined;
}

function describeMember(instance: Instance): string {
  return `${tagMap(instance.Tags)[TAG.address] ?? 'a member'} (${instance.InstanceId})`;
}
