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
// starts (`replacementOrder`).
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTagsCommand, RunInstancesCommand, StartInstancesCommand, TerminateInstancesCommand, type EC2Client, type Filter, type Instance,
} from '@aws-sdk/client-ec2';
import type { ObservedObject, OperationInput, ProviderContext, Replacement, ReplacementOrder } from '../../provider.ts';
import type { RegionalClients } from '../aws-clients.ts';
import { awsCall } from '../aws-errors.ts';
import type { AwsResourceType } from '../aws-resource-type.ts';
import { addressFilters, objectTags, TAG, tagMap, topologyFilters } from '../aws-tags.ts';
import { instancesWhere, LIVE_STATES, TEMPLATE_ID_TAG, TEMPLATE_VERSION_TAG } from './live-instances.ts';
import { named, ownedResourceType } from './owned-resource-type.ts';
import { rollTiming, type RollTiming } from './roll-timing.ts';
import { CONFIG_TAG } from './user-data.ts';
import { SERVING_TAG, untilServing } from './proxy-serving.ts';
import { untilTagged } from './instance-tag-wait.ts';
import { NETWORK_INTERFACE_TAG, unjoinedPeers, untilJoined } from './watchdog-join.ts';

export const PROXY_INSTANCE_TYPE = 'aws_proxy_instance';
/** A watchdog member's engine, tagged at launch: what the next plan compares a new `engine` with. */
export const WATCHDOG_ENGINE_TAG = 'pgtopo:watchdog-engine';
const ACTION = {
  describe: 'ec2:DescribeInstances',
  run: 'ec2:RunInstances',
  tag: 'ec2:CreateTags',
  start: 'ec2:StartInstances',
  terminate: 'ec2:TerminateInstances',
  /** Not called: IAM asks it of a RunInstances whose template names an instance profile. */
  passRole: 'iam:PassRole',
} as const;
/** The states of an instance that may still hold its ENI. */
const HOLDING_STATES = [...LIVE_STATES, 'shutting-down'];

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
    observe,
    findOwn: async ({ scope: region, address }, context) => (await instancesWhere(ec2(region), region, addressFilters(context.topology, address)))[0],
    // A successor a failed roll left running (its proxy never served or joined) is found so, from an older
    // template version when the fix was a new one: it is rolled to that version now, not kept as it is.
    async adopt(existing, input, context) {
      context.note(`found ${existing.InstanceId} from an earlier apply`);
      const found = observe(existing, input.scope);
      if (String(found.attributes.launch_template_version) === String(input.attributes.launch_template_version)) return found;
      return updateInstance(ec2(input.scope), found, input, ['launch_template_version'], context);
    },
    create: async (input, context) => observe(await runInstance(ec2(input.scope), input, context, rollTiming()), input.scope),
    update: (current, input, changed, context) => updateInstance(ec2(input.scope), current, input, changed, context),
    replacementOrder: watchdogReplacementOrder,
    remove: {
      action: ACTION.terminate,
      send: (region, { id }) => ec2(region).send(new TerminateInstancesCommand({ InstanceIds: [id] })),
      gone: named('InvalidInstanceID.NotFound'),
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

function onInterface(input: OperationInput): string | null {
  const id = input.attributes.network_interface_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

async function runInstance(ec2: EC2Client, input: OperationInput, context: ProviderContext, timing: RollTiming): Promise<Instance> {
  const eni = onInterface(input);
  if (eni) await untilReleased(ec2, input.scope, eni, timing, context);
  const placement = eni
    ? { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni, DeleteOnTermination: false }] }
    : { SubnetId: String(input.attributes.subnet_id) };
  const tags = [
    ...objectTags(context.topology, String(input.attributes.cluster), input.address, input.name), { Key: CONFIG_TAG, Value: String(input.attributes.config_parameter) },
    ...(eni ? [{ Key: NETWORK_INTERFACE_TAG, Value: eni }] : []),
    ...(typeof input.attributes.watchdog_engine === 'string' ? [{ Key: WATCHDOG_ENGINE_TAG, Value: input.attributes.watchdog_engine }] : []),
  ];
  const run = (token: string) => awsCall(ACTION.run, input.scope, () => ec2.send(new RunInstancesCommand({
    MinCount: 1, MaxCount: 1, ClientToken: token,
    LaunchTemplate: { LaunchTemplateId: String(input.attributes.launch_template_id), Version: String(input.attributes.launch_template_version) },
    ...placement,
    TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
  })));
  const token = clientToken(context.topology.ownerTag, input);
  const instance = (await run(token)).Instances?.[0];
  // A token AWS remembers from a proxy since terminated (drift repaired with the same template) answers with that
  // instance: this launch then gets a token of its own.
  if (instance && !['terminated', 'shutting-down'].includes(instance.State?.Name ?? '')) return instance;
  return (await run(`${token.slice(0, 48)}-${Date.now().toString(36)}`)).Instances![0]!;
}

/**
 * Launches the successor from the new template version, waits until it runs (and, when its proxy reports it,
 * serves), then terminates the old proxy. A successor that never serves is terminated instead.
 */
async function roll(ec2: EC2Client, current: ObservedObject, input: OperationInput, timing: RollTiming, context: ProviderContext): Promise<ObservedObject> {
  const successor = await runInstance(ec2, input, context, timing);
  const id = successor.InstanceId!;
  context.note(`rolling ${current.id}: ${id} launched from template version ${String(input.attributes.launch_template_version)} into ${String(input.attributes.subnet_id)}`);
  let running = await untilRunning(ec2, input.scope, id, timing, context, 'the proxy it replaces is kept');
  if (input.attributes.reports_serving === true) {
    context.note(`${id} runs; waiting for its proxy to serve before ${current.id} goes`);
    running = await untilServing(ec2, input.scope, id, timing, context).catch(async (error: Error) => {
      await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })));
      throw error;
    });
  }
  await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [current.id] })));
  context.note(`rolled: ${current.id} terminated, ${running.InstanceId} serves`);
  return observe(running, input.scope);
}

/**
 * The failover coordinator's roll (no watchdog): two coordinators could promote two standbys, so the old one is
 * gone (terminated, not shutting down: while its proxy drains it still checks the primary) before its successor
 * launches. The other proxies serve meanwhile; a successor that never serves fails the apply, and is left running,
 * being now the tier's only coordinator.
 */
async function rollCoordinator(ec2: EC2Client, current: ObservedObject, input: OperationInput, timing: RollTiming, context: ProviderContext): Promise<ObservedObject> {
  await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [current.id] })));
  context.note(`rolling ${current.id}, the failover coordinator: terminated; its successor launches once it is gone`);
  await untilNoInstance(ec2, input.scope, { Name: 'instance-id', Values: [current.id] }, timing, context,
    (held) => `${held} is still shutting down after ${timing.timeoutMs / 1000} s; no successor was launched, so no failover runs until one is: apply again once it is terminated`);
  const successor = await runInstance(ec2, input, context, timing);
  const id = successor.InstanceId!;
  let running = await untilRunning(ec2, input.scope, id, timing, context, 'the coordinator it replaces is gone, so failovers wait for it');
  if (input.attributes.reports_serving === true) {
    context.note(`${id} runs; waiting for its proxy to serve`);
    running = await untilTagged(ec2, input.scope, id, SERVING_TAG, timing, context, (state) => new Error(
      `${id} ${state === 'running' ? 'runs' : `is ${state}`}, but its proxy has not served within ${timing.timeoutMs / 1000} s (no ${SERVING_TAG} tag). ` +
      'It replaces the failover coordinator, which is gone, so it is kept: see its console output and the proxy\'s log, fix the template, then apply again'));
  }
  context.note(`rolled: ${current.id} terminated, ${running.InstanceId} serves and coordinates failovers`);
  return observe(running, input.scope);
}

/**
 * A watchdog member's roll: its ENI is held by one instance at a time, so the old instance goes first and the
 * successor is launched on the ENI once it is free. The members depend on each other in order, so only this one
 * is down meanwhile (a tier of 2 has no quorum for that time: the plan says so) — provided the others are in the
 * tier, which is checked first, and this one is back in it before the roll goes on (watchdog-join.ts).
 */
async function rollOnInterface(ec2: EC2Client, current: ObservedObject, input: OperationInput, timing: RollTiming, context: ProviderContext): Promise<ObservedObject> {
  const joins = input.attributes.reports_joining === true;
  const unjoined = joins ? await unjoinedPeers(ec2, input.scope, current, String(input.attributes.launch_template_version), context) : [];
  if (unjoined.length > 0) {
    const [verb, have] = unjoined.length > 1 ? ['run', 'have'] : ['runs', 'has'];
    throw new Error(`not rolling ${input.address} (${current.id}): ${unjoined.join(', ')} ${verb} but ${have} not joined the watchdog, so the ` +
      'tier would be left short of a quorum. Nothing was terminated. Find out why on that instance (its console output, ' +
      'journalctl -u pgtopo-proxy, or -u pgtopo-pgpool-config for Pgpool-II), fix it or the template, then apply again');
  }
  await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [current.id] })));
  context.note(`rolling ${current.id}: terminated, its successor launches on ${onInterface(input)} once it is free`);
  const successor = await runInstance(ec2, input, context, timing);
  let running = await untilRunning(ec2, input.scope, successor.InstanceId!, timing, context, 'this member is down until a successor runs');
  if (joins) {
    context.note(`${running.InstanceId} runs; waiting for its proxy to join the watchdog`);
    running = await untilJoined(ec2, input.scope, running.InstanceId!, timing, context);
  }
  context.note(`rolled: ${running.InstanceId} serves from template version ${String(input.attributes.launch_template_version)}`);
  return observe(running, input.scope);
}

/** Waits until no instance holds the ENI any more (a terminated one lets it go a little after TerminateInstances). */
function untilReleased(ec2: EC2Client, region: string, eni: string, timing: RollTiming, context: ProviderContext): Promise<void> {
  return untilNoInstance(ec2, region, { Name: 'network-interface.network-interface-id', Values: [eni] }, timing, context,
    (held) => `${eni} is still held by ${held} after ${timing.timeoutMs / 1000} s: once it is terminated (terminate it if it is not shutting down), apply again`);
}

/** Waits until no instance matching `filter` is live or shutting down; `stuck` says what then, naming those left. */
async function untilNoInstance(ec2: EC2Client, region: string, filter: Filter, timing: RollTiming, context: ProviderContext,
  stuck: (held: string) => string): Promise<void> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const holders = await instancesWhere(ec2, region, [filter], HOLDING_STATES);
    if (holders.length === 0) return;
    if (Date.now() > deadline) throw new Error(stuck(holders.map((holder) => `${holder.InstanceId} (${holder.State?.Name ?? 'unknown'})`).join(', ')));
    await sleep(timing.pollMs, undefined, { signal: context.signal });
  }
}

/** `meanwhile`: what became of the proxy it replaces, for the error. */
async function untilRunning(ec2: EC2Client, region: string, id: string, timing: RollTiming, context: ProviderContext, meanwhile: string): Promise<Instance> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const [instance] = await instancesWhere(ec2, region, [{ Name: 'instance-id', Values: [id] }]);
    if (instance?.State?.Name === 'running') return instance;
    if (!instance || instance.State?.Name !== 'pending' || Date.now() > deadline) {
      throw new Error(`${id} did not reach running (${instance?.State?.Name ?? 'gone'}); ${meanwhile}: see its console output, then apply again`);
    }
    await sleep(timing.pollMs, undefined, { signal: context.signal });
  }
}

/** At most 64 ASCII characters, the same for every retry of this launch. */
export function clientToken(owner: string, input: OperationInput): string {
  const launch = [owner, input.address, input.attributes.launch_template_id, input.attributes.launch_template_version, input.attributes.subnet_id].join('\0');
  return `pgtopo-${createHash('sha256').update(launch).digest('hex').slice(0, 48)}`;
}

function observe(instance: Instance, region: string): ObservedObject {
  const tags = tagMap(instance.Tags);
  const state = instance.State?.Name;
  return {
    id: instance.InstanceId!, name: tags[TAG.name] ?? instance.InstanceId!,
    attributes: {
      cluster: tags[TAG.cluster] ?? null,
      launch_template_id: tags[TEMPLATE_ID_TAG] ?? null,
      launch_template_version: tags[TEMPLATE_VERSION_TAG] === undefined ? null : Number(tags[TEMPLATE_VERSION_TAG]),
      subnet_id: instance.SubnetId ?? null,
      network_interface_id: tags[NETWORK_INTERFACE_TAG] ?? null,
      config_parameter: tags[CONFIG_TAG] ?? null,
      watchdog_engine: tags[WATCHDOG_ENGINE_TAG] ?? null,
      state: state === 'pending' ? 'running' : state ?? null,
      instance_id: instance.InstanceId!,
      private_ip: instance.PrivateIpAddress ?? null,
      availability_zone: instance.Placement?.AvailabilityZone ?? null,
      region,
    },
  };
}
