// Whether a watchdog tier's members are in the tier, read from EC2 alone: a builtin member tags its own instance
// once it serves and knows a leader (proxy/watchdog/joined-tag.ts), and `pgtopo pgpool-files` tags a Pgpool-II
// member's once Pgpool-II's watchdog has it in the tier with a quorum (pgpool-watchdog-join.ts; it asks the control
// port as an admin user, so a tier without one is not asked). A roll uses the tag twice. After
// the successor runs, the roll waits for its tag, so a template version whose proxy never starts stops at the first
// member. Before it terminates a member, no other running member launched from the version being rolled to may
// lack the tag: that one is an earlier successor that never joined, and a second member down would leave the tier
// short of a quorum. Members of older versions are not asked: proxies launched before pgtopo tagged never will.
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import type { ObservedObject, ProviderContext } from '../../provider.ts';
import { TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { untilTagged } from './instance-tag-wait.ts';
import { instancesWhere, TEMPLATE_VERSION_TAG } from './live-instances.ts';
import type { RollTiming } from './roll-timing.ts';

/** The tag a member puts on its instance, named in its config as `watchdog.joinedTag`. */
export const WATCHDOG_JOINED_TAG = 'pgtopo:watchdog-joined';
/** Names the member ENI an instance was launched on: what marks a watchdog member's instance. */
export const NETWORK_INTERFACE_TAG = 'pgtopo:network-interface';

/** The other running members of `current`'s tier, launched from `version`, that have not joined: `address (id)`. */
export async function unjoinedPeers(ec2: EC2Client, region: string, current: ObservedObject, version: string, context: ProviderContext): Promise<string[]> {
  const members = await instancesWhere(ec2, region, [
    ...topologyFilters(context.topology),
    { Name: `tag:${TAG.cluster}`, Values: [String(current.attributes.cluster)] },
    { Name: 'tag-key', Values: [NETWORK_INTERFACE_TAG] },
  ], ['pending', 'running']);
  return members
    .filter((member) => member.InstanceId !== current.id && tagMap(member.Tags)[TEMPLATE_VERSION_TAG] === version && !joined(member))
    .map(describeMember);
}

/** Waits until the successor's proxy has tagged its instance. */
export function untilJoined(ec2: EC2Client, region: string, id: string, timing: RollTiming, context: ProviderContext): Promise<Instance> {
  return untilTagged(ec2, region, id, WATCHDOG_JOINED_TAG, timing, context, (state) => new Error(
    `${id} ${state === 'running' ? 'runs' : `is ${state}`}, but its proxy has not ` +
    `joined the watchdog within ${timing.timeoutMs / 1000} s (no ${WATCHDOG_JOINED_TAG} tag): the roll stops here and the other members ` +
    `are left alone. See its console output (aws ec2 get-console-output --instance-id ${id}) and the proxy's log ` +
    '(on it: journalctl -u pgtopo-proxy, or for Pgpool-II -u pgtopo-pgpool -u pgtopo-pgpool-config), fix the template, then apply again'));
}

function joined(instance: Instance): boolean {
  return tagMap(instance.Tags)[WATCHDOG_JOINED_TAG] !== undefined;
}

function describeMember(instance: Instance): string {
  return `${tagMap(instance.Tags)[TAG.address] ?? 'a member'} (${instance.InstanceId})`;
}
