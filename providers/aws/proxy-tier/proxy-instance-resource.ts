// `aws_proxy_instance`: one proxy of a tier without an Auto Scaling group (`<cluster>.proxy[i]`), launched from the
// cluster's launch template into subnet i mod n (spread over the zones) with a deterministic Name and a tag naming
// its own config parameter. Create looks for a live instance tagged with its address first (an interrupted apply,
// or a successor a failed roll left) and passes a ClientToken derived from the address, so a retried RunInstances
// never starts a second proxy. A stopped proxy is started. A new template version or subnet rolls the proxy, and
// the members depend on each other in order (proxy-tier-expansion.ts), so a tier is never all down:
// - without a watchdog the successor is launched and running (with `reports_serving`: its proxy serving,
//   proxy-serving.ts) before the proxy goes, except the failover coordinator's (`coordinates_failover`), which
//   launches only once the old one is gone: two coordinators could promote two standbys;
// - a watchdog member is launched on its ENI (network-interface-resource.ts), which one instance holds at a time:
//   its roll terminates it first and launches the successor on the ENI once it is free, one member down at a time;
//   the roll (`reports_joining`) refuses while an earlier successor has not joined the watchdog, and ends once its
//   own successor's proxy has joined (watchdog-join.ts).
// A new ENI or config parameter replaces it, and so does a watchdog member's new engine: the builtin watchdog and
// Pgpool-II's do not speak to each other, so every member of the old engine is gone before the first of the new one
// starts (`replacementOrder`). Launching: proxy-instance-launch.ts; the rolls: proxy-instance-rolls.ts.
import { CreateTagsCommand, StartInstancesCommand, TerminateInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import type { ObservedObject, OperationInput, ProviderContext, Replacement, ReplacementOrder } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { addressFilters, topologyFilters } from '../aws-tags.ts';
import { instancesWhere } from './live-instances.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';
import { observeInstance, onInterface, PROXY_INSTANCE_ACTIONS as ACTION, runInstance, untilTerminated, WATCHDOG_ENGINE_TAG } from './proxy-instance-launch.ts';
import { roll, rollCoordinator, rollOnInterface } from './proxy-instance-rolls.ts';
import { rollTiming } from './roll-timing.ts';

export const PROXY_INSTANCE_TYPE = 'aws_proxy_instance';

export function proxyInstanceResource(clients: RegionalClients): AwsResourceType {
  const ec2 = (region: string) => clients.of(region).ec2;
  return ownedResourceType<Instance>({
    name: PROXY_INSTANCE_TYPE,
    actions: ACTION,
    attributes: {
      cluster: { forceNew: true },
      launch_template_id: { forceNew: true },
      launch_template_version: { appliesBy: 'restart', description: 'a new template version rolls the instance: its successor runs before it goes' },
      subnet_id: { appliesBy: 'restart', description: 'without an ENI, a new subnet rolls the instance: its successor runs there before it goes' },
      network_interface_id: { forceNew: true, description: 'a watchdog member\'s ENI, launched on' },
      config_parameter: { forceNew: true, description: 'the SSM parameter of its config' },
      watchdog_engine: {
        forceNew: true, recordedInPlace: true,
        description: 'a watchdog member\'s engine (builtin or pgpool2): a new one replaces every member, all stopped before the first new one starts',
      },
      reports_joining: { inputOnly: true, description: 'the instance is tagged once its proxy joined the watchdog (builtin members; Pgpool-II members with an admin user): a roll waits for that' },
      reports_serving: { inputOnly: true, description: 'without a watchdog, the instance is tagged once its proxy serves: a roll terminates the proxy it replaces only then' },
      coordinates_failover: { inputOnly: true, description: 'without a watchdog, the one proxy that promotes: its roll waits for it to be gone before its successor launches' },
      state: { description: 'running; a stopped proxy is started' },
      instance_id: { computed: true },
      private_ip: { computed: true },
      availability_zone: { computed: true },
    },
    list: (region, context) => instancesWhere(ec2(region), region, topologyFilters(context.topology)),
    observe: observeInstance,
    findOwn: async ({ scope: region, address }, context) => (await instancesWhere(ec2(region), region, addressFilters(context.topology, address)))[0],
    // A successor a failed roll left running (its proxy never served or joined) is found so, from an older
    // template version when the fix was a new one: it is rolled to that version now, not kept as it is.
    async adopt(existing, input, context) {
      context.note(`found ${existing.InstanceId} from an earlier apply`);
      const found = observeInstance(existing, input.scope);
      if (String(found.attributes.launch_template_version) === String(input.attributes.launch_template_version)) return found;
      return updateInstance(ec2(input.scope), found, input, ['launch_template_version'], context);
    },
    create: async (input, context) => observeInstance(await runInstance(ec2(input.scope), input, context, rollTiming()), input.scope),
    update: (current, input, changed, context) => updateInstance(ec2(input.scope), current, input, changed, context),
    replacementOrder: watchdogReplacementOrder,
    remove: {
      action: ACTION.terminate,
      send: (region, { id }) => ec2(region).send(new TerminateInstancesCommand({ InstanceIds: [id] })),
      gone: named('InvalidInstanceID.NotFound'),
      // A shutting-down proxy still drains its clients, checks the primary and may hold the VIP: what replaces it
      // starts only once it is terminated.
      untilGone: (region, { id }, context) => untilTerminated(ec2(region), region, id, rollTiming(), context, 'nothing replaces it until then'),
    },
  });
}

async function updateInstance(ec2: EC2Client, current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject> {
  if (changed.includes('launch_template_version') || changed.includes('subnet_id')) {
    const timing = rollTiming();
    if (onInterface(input)) return rollOnInterface(ec2, current, input, timing, context);
    if (input.attributes.coordinates_failover === true) return rollCoordinator(ec2, current, input, timing, context);
    return roll(ec2, current, input, timing, context);
  }
  let updated = current;
  if (changed.includes('watchdog_engine')) updated = await recordEngine(ec2, updated, input);
  if (changed.includes('state')) {
    await awsCall(ACTION.start, input.scope, () => ec2.send(new StartInstancesCommand({ InstanceIds: [current.id] })));
    updated = { ...updated, attributes: { ...updated.attributes, state: 'running' } };
  }
  return updated;
}

/**
 * A watchdog member is replaced for a new engine, a new ENI (a new subnet: its new address is in every member's list)
 * or for leaving or joining a watchdog. Old members beside new ones would be a watchdog of their own, short of a
 * quorum or holding the VIP beside theirs, or promote beside a new tier's coordinator: every old member goes first.
 */
function watchdogReplacementOrder({ scope, before, after }: Replacement): ReplacementOrder | undefined {
  const member = (attributes: Replacement['before'] | Replacement['after']) => (attributes.network_interface_id ?? null) !== null;
  if (!member(before) && !member(after)) return undefined;
  return { group: `${scope}/${String(after.cluster)}`, order: 'all-destroyed-first' };
}

/** Tags a member launched before pgtopo tagged members with their engine (what its template runs now). */
async function recordEngine(ec2: EC2Client, current: ObservedObject, input: OperationInput): Promise<ObservedObject> {
  const engine = String(input.attributes.watchdog_engine);
  await awsCall(ACTION.tag, input.scope, () => ec2.send(new CreateTagsCommand({ Resources: [current.id], Tags: [{ Key: WATCHDOG_ENGINE_TAG, Value: engine }] })));
  return { ...current, attributes: { ...current.attributes, watchdog_engine: engine } };
}










