// Security group ingress as pgtopo compares it: one rule per protocol, port range and source (a CIDR, a group, or
// `self` for the group's own members), sorted, so a plan shows exactly which rule comes or goes and an update
// revokes and authorizes only those. AWS's IpPermissions (grouped by port range) convert both ways.
import type { IpPermission } from '@aws-sdk/client-ec2';

export interface IngressRule {
  protocol: 'tcp' | 'udp';
  from_port: number;
  to_port: number;
  /** `10.0.0.0/16`, `sg-0abc…`, or `self`. */
  source: string;
}

export const SELF = 'self';

function ruleKey(rule: IngressRule): string {
  return `${rule.protocol}/${String(rule.from_port).padStart(5, '0')}/${String(rule.to_port).padStart(5, '0')}/${rule.source}`;
}

export function sortedRules(rules: IngressRule[]): IngressRule[] {
  const unique = new Map(rules.map((rule) => [ruleKey(rule), rule]));
  return [...unique.keys()].sort().map((name) => unique.get(name)!);
}

export function rulesOf(permissions: IpPermission[] | undefined, ownGroup: string): IngressRule[] {
  return sortedRules((permissions ?? []).flatMap((permission) => {
    const protocol = permission.IpProtocol as IngressRule['protocol'];
    const ports = { from_port: permission.FromPort ?? 0, to_port: permission.ToPort ?? 65535 };
    const cidrs = (permission.IpRanges ?? []).map((range) => range.CidrIp ?? '');
    const groups = (permission.UserIdGroupPairs ?? []).map((pair) => (pair.GroupId === ownGroup ? SELF : pair.GroupId ?? ''));
    return [...cidrs, ...groups].map((source) => ({ protocol, ...ports, source }));
  }));
}

export function permissionsOf(rules: IngressRule[], ownGroup: string): IpPermission[] {
  return rules.map((rule) => ({
    IpProtocol: rule.protocol, FromPort: rule.from_port, ToPort: rule.to_port,
    ...(rule.source.includes('/') ? { IpRanges: [{ CidrIp: rule.source }] } : { UserIdGroupPairs: [{ GroupId: rule.source === SELF ? ownGroup : rule.source }] }),
  }));
}

/** The rules of `next` that `current` lacks. */
export function missingRules(next: IngressRule[], current: IngressRule[]): IngressRule[] {
  const have = new Set(current.map(ruleKey));
  return next.filter((rule) => !have.has(ruleKey(rule)));
}
