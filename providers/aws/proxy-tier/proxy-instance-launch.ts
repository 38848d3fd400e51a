// Launching a proxy instance and waiting on its states, for its resource type (create) and its rolls
// (proxy-instance-rolls.ts). RunInstances carries a ClientToken derived from the address, so a retried launch never
// starts a second proxy; a watchdog member is launched on its ENI once no instance holds it.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunInstancesCommand, type EC2Client, type Filter, type Instance } from '@aws-sdk/client-ec2';
import type { ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import { awsCall } from '../aws-errors.ts';
import { objectTags, TAG, tagMap } from '../aws-tags.ts';
import { instancesWhere, LIVE_STATES, TEMPLATE_ID_TAG, TEMPLATE_VERSION_TAG } from './live-instances.ts';
import type { RollTiming } from './roll-timing.ts';
import { CONFIG_TAG } from './user-data.ts';
import { NETWORK_INTERFACE_TAG } from './watchdog-join.ts';

export const PROXY_INSTANCE_ACTIONS = {
  describe: 'ec2:DescribeInstances',
  run: 'ec2:RunInstances',
  tag: 'ec2:CreateTags',
  start: 'ec2:StartInstances',
  terminate: 'ec2:TerminateInstances',
  /** Not called: IAM asks it of a RunInstances whose template names an instance profile. */
  passRole: 'iam:PassRole',
} as const;
const ACTION = PROXY_INSTANCE_ACTIONS;
/** A watchdog member's engine, tagged at launch: what the next plan compares a new `engine` with. */
export const WATCHDOG_ENGINE_TAG = 'pgtopo:watchdog-engine';
/** The states of an instance that may still hold its ENI. */
const HOLDING_STATES = [...LIVE_STATES, 'shutting-down'];

export function onInterface(input: OperationInput): string | null {
  const id = input.attributes.network_interface_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

export async function runInstance(ec2: EC2Client, input: OperationInput, context: ProviderContext, timing: RollTiming): Promise<Instance> {
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

/** Waits until no instance holds the ENI any more (a terminated one lets it go a little after TerminateInstances). */
function untilReleased(ec2: EC2Client, region: string, eni: string, timing: RollTiming, context: ProviderContext): Promise<void> {
  return untilNoInstance(ec2, region, { Name: 'network-interface.network-interface-id', Values: [eni] }, timing, context,
    (held) => `${eni} is still held by ${held} after ${timing.timeoutMs / 1000} s: once it is terminated (terminate it if it is not shutting down), apply again`);
}

/**
 * Waits until instance `id` is terminated, not just shutting down: meanwhile its proxy still drains its clients,
 * checks the primary and may hold the VIP. `meanwhile`: what that means for the apply, for the error.
 */
export function untilTerminated(ec2: EC2Client, region: string, id: string, timing: RollTiming, context: ProviderContext, meanwhile: string): Promise<void> {
  return untilNoInstance(ec2, region, { Name: 'instance-id', Values: [id] }, timing, context,
    (held) => `${held} is still shutting down after ${timing.timeoutMs / 1000} s; ${meanwhile}: apply again once it is terminated`);
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
export async function untilRunning(ec2: EC2Client, region: string, id: string, timing: RollTiming, context: ProviderContext, meanwhile: string): Promise<Instance> {
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
function clientToken(owner: string, input: OperationInput): string {
  const launch = [owner, input.address, input.attributes.launch_template_id, input.attributes.launch_template_version, input.attributes.subnet_id].join('\0');
  return `pgtopo-${createHash('sha256').update(launch).digest('hex').slice(0, 48)}`;
}

export function observeInstance(instance: Instance, region: string): ObservedObject {
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
