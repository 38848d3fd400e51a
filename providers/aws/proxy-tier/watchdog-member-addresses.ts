// The watchdog members of an EC2 tier as every member's config lists them: member j at the private IP of its ENI
// (`<cluster>.proxy_eni[j]`), which is known only once the ENI exists. The shared renderer (proxy-tier-config.ts)
// takes member hosts as strings, so it renders each member's host as a placeholder naming its ENI, and the
// rendered document then has every placeholder replaced by a reference to that ENI's `private_ip`: both engines'
// documents (the builtin proxy's, Pgpool-II's sections) get the same references wherever they put the hosts.
import { WATCHDOG_DEFAULTS, type WatchdogMember } from '../../../proxy/config/watchdog-tier-settings.ts';
import type { DesiredValue } from '../../provider.ts';
import { TIER_ADDRESS } from './proxy-tier-names.ts';

/** Every member of a tier of `count`, each host the placeholder of its ENI; clients reach them at `port`. */
export function placeholderMembers(cluster: string, count: number, port: number): WatchdogMember[] {
  const { watchdogPort, heartbeatPort } = WATCHDOG_DEFAULTS;
  return Array.from({ length: count }, (_, index) => ({ host: placeholder(cluster, index), port, watchdogPort, heartbeatPort }));
}

/** `document` with every member placeholder replaced by a reference to its ENI's private IP. */
export function withMemberAddresses(document: unknown, cluster: string, count: number): DesiredValue {
  const references = new Map(Array.from({ length: count }, (_, index): [string, DesiredValue] =>
    [placeholder(cluster, index), { $ref: TIER_ADDRESS.networkInterface(cluster, index), attribute: 'private_ip' }]));
  const replace = (value: unknown): DesiredValue => {
    if (typeof value === 'string') return references.get(value) ?? value;
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item)]));
    return value as DesiredValue;
  };
  return replace(document);
}

/** A string no address, name or setting can be: NUL-delimited. */
function placeholder(cluster: string, index: number): string {
  return `\u0000${TIER_ADDRESS.networkInterface(cluster, index)}.private_ip\u0000`;
}
