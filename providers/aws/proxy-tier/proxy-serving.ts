// Whether a proxy without a watchdog serves, read from EC2 alone: the builtin proxy tags its own instance once it
// listens (its config's `servingTag`, proxy/watchdog/joined-tag.ts), and `pgtopo pgpool-files` tags a Pgpool-II
// proxy's once Pgpool-II accepts connections (pgpool-serving.ts). A roll of `ha.method: none` launches the
// successor first and, before, terminated the proxy it replaces as soon as the successor ran: a template whose proxy
// never started (a bad AMI, a user data that fails) left the cluster without a proxy. Now it waits for the tag.
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import type { ProviderContext } from '../../provider.ts';
import { untilTagged } from './instance-tag-wait.ts';
import type { RollTiming } from './roll-timing.ts';

export const SERVING_TAG = 'pgtopo:serving';

/** Waits until the successor's proxy serves; `otherwise`: what the roll does when it does not, for the error. */
export function untilServing(ec2: EC2Client, region: string, id: string, timing: RollTiming, context: ProviderContext, otherwise: string): Promise<Instance> {
  return untilTagged(ec2, region, id, SERVING_TAG, timing, context, (state) => new Error(
    `${id} ${state === 'running' ? 'runs' : `is ${state}`}, but its proxy has not served within ${timing.timeoutMs / 1000} s ` +
    `(no ${SERVING_TAG} tag): ${otherwise}. See its console output ` +
    `(aws ec2 get-console-output --instance-id ${id}) and the proxy's log (journalctl -u pgtopo-proxy, or -u pgtopo-pgpool ` +
    '-u pgtopo-pgpool-config for Pgpool-II), fix the template, then apply again'));
}
