// How a proxy instance takes a new template version or subnet without being replaced: its successor is launched
// and the old instance terminated, in the order that keeps the tier serving and never runs two of what must be one
// (a failover coordinator; a watchdog member on its ENI).
import { TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ObservedObject, OperationInput, ProviderContext } from '../../provider.ts';
import { awsCall } from '../aws-errors.ts';
import { observeInstance, onInterface, PROXY_INSTANCE_ACTIONS as ACTION, runInstance, untilRunning, untilTerminated } from './proxy-instance-launch.ts';
import { untilServing } from './proxy-serving.ts';
import type { RollTiming } from './roll-timing.ts';
import { unjoinedPeers, untilJoined } from './watchdog-join.ts';

/**
 * Launches the successor from the new template version, waits until it runs (and, when its proxy reports it,
 * serves), then terminates the old proxy. A successor that never serves is terminated instead.
 */
export async function roll(ec2: EC2Client, current: ObservedObject, input: OperationInput, timing: RollTiming, context: ProviderContext): Promise<ObservedObject> {
  const successor = await runInstance(ec2, input, context, timing);
  const id = successor.InstanceId!;
  context.note(`rolling ${current.id}: ${id} launched from template version ${String(input.attributes.launch_template_version)} into ${String(input.attributes.subnet_id)}`);
  let running = await untilRunning(ec2, input.scope, id, timing, context, 'the proxy it replaces is kept');
  if (input.attributes.reports_serving === true) {
    context.note(`${id} runs; waiting for its proxy to serve before ${current.id} goes`);
    running = await untilServing(ec2, input.scope, id, timing, context, 'it is terminated and the proxy it was to replace is kept').catch(async (error: Error) => {
      await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] })));
      throw error;
    });
  }
  await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [current.id] })));
  context.note(`rolled: ${current.id} terminated, ${running.InstanceId} serves`);
  return observeInstance(running, input.scope);
}

/**
 * The failover coordinator's roll (no watchdog): two coordinators could promote two standbys, so the old one is
 * gone (terminated, not shutting down: while its proxy drains it still checks the primary) before its successor
 * launches. The other proxies serve meanwhile; a successor that never serves fails the apply, and is left running,
 * being now the tier's only coordinator.
 */
export async function rollCoordinator(ec2: EC2Client, current: ObservedObject, input: OperationInput, timing: RollTiming, context: ProviderContext): Promise<ObservedObject> {
  await awsCall(ACTION.terminate, input.scope, () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [current.id] })));
  context.note(`rolling ${current.id}, the failover coordinator: terminated; its successor launches once it is gone`);
  await untilTerminated(ec2, input.scope, current.id, timing, context, 'no successor was launched, so no failover runs until one is');
  const successor = await runInstance(ec2, input, context, timing);
  const id = successor.InstanceId!;
  let running = await untilRunning(ec2, input.scope, id, timing, context, 'the coordinator it replaces is gone, so failovers wait for it');
  if (input.attributes.reports_serving === true) {
    context.note(`${id} runs; waiting for its proxy to serve`);
    running = await untilServing(ec2, input.scope, id, timing, context, 'it replaces the failover coordinator, which is gone, so it is kept');
  }
  context.note(`rolled: ${current.id} terminated, ${running.InstanceId} serves and coordinates failovers`);
  return observeInstance(running, input.scope);
}

/**
 * A watchdog member's roll: its ENI is held by one instance at a time, so the old instance goes first and the
 * successor is launched on the ENI once it is free. The members depend on each other in order, so only this one
 * is down meanwhile (a tier of 2 has no quorum for that time: the plan says so) — provided the others are in the
 * tier, which is checked first, and this one is back in it before the roll goes on (watchdog-join.ts).
 */
export async function rollOnInterface(ec2: EC2Client, current: ObservedObject, input: OperationInput, timing: RollTiming, context: ProviderContext): Promise<ObservedObject> {
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
  return observeInstance(running, input.scope);
}
