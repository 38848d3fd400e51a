import type { Cluster, User } from '../../../schemas/topology.ts';
import { backendNodes } from '../../features/backend-nodes.ts';
import { didYouMean } from '../did-you-mean.ts';
import { eachCluster, type Path, type Rule, type RuleContext } from './rule.ts';

/** Names must be unique where they identify something, and references must name something that exists. */
export const namingRules: Rule = (context) => {
  checkUsers(context, context.topology.users ?? [], ['users']);
  eachCluster(context.topology, (_name, cluster, path) => {
    if (cluster.users) checkUsers(context, cluster.users, [...path, 'users']);
    if (cluster.environment === 'ec2' && cluster.backends.static) {
      const names = cluster.backends.static.map((node) => node.name ?? `${node.host}:${node.port ?? 5432}`);
      reportDuplicates(context, names, (i) => [...path, 'backends', 'static', i], 'backend node');
    }
    checkNodeReferences(context, cluster, path);
  });
};

function checkUsers(context: RuleContext, users: User[], path: Path): void {
  reportDuplicates(context, users.map((user) => user.name), (i) => [...path, i, 'name'], 'user');
  users.forEach((user, i) => {
    if ((user.auth ?? 'scram-sha-256') !== 'trust' && !user.password) {
      context.error([...path, i], `user \`${user.name}\` authenticates with ${user.auth ?? 'scram-sha-256'} but has no \`password\``,
        'add `password: { fromEnv: … }`, or set `auth: trust`');
    }
  });
}

function reportDuplicates(context: RuleContext, names: string[], pathOf: (index: number) => Path, what: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else context.error(pathOf(index), `duplicate ${what} name \`${name}\` (first declared as item ${first + 1})`);
  });
}

/** Weights, priorities, health-check overrides and redirect targets name backend nodes; they must exist. */
function checkNodeReferences(context: RuleContext, cluster: Cluster, path: Path): void {
  const nodes = backendNodes(cluster);
  const proxy = cluster.proxy;
  if (!nodes || !proxy) return;
  const known = nodes.map((node) => node.name);
  const proxyPath = [...path, 'proxy'];
  const references: Array<[Record<string, unknown> | undefined, Path]> = [
    [proxy.loadBalancing?.weights, [...proxyPath, 'loadBalancing', 'weights']],
    [proxy.failover?.priority, [...proxyPath, 'failover', 'priority']],
    [proxy.healthCheck?.nodes, [...proxyPath, 'healthCheck', 'nodes']],
  ];
  for (const [map, mapPath] of references) {
    for (const name of Object.keys(map ?? {})) {
      if (!known.includes(name)) unknownNode(context, [...mapPath, name], name, known);
    }
  }
  for (const [kind, rules] of Object.entries(proxy.loadBalancing?.redirect ?? {})) {
    rules.forEach((rule, i) => {
      if (rule.target !== 'primary' && rule.target !== 'standby' && !known.includes(rule.target)) {
        unknownNode(context, [...proxyPath, 'loadBalancing', 'redirect', kind, i, 'target'], rule.target, ['primary', 'standby', ...known]);
      }
    });
  }
}

function unknownNode(context: RuleContext, path: Path, name: string, known: string[]): void {
  const suggestion = didYouMean(name, known);
  context.error(path, `\`${name}\` is not a backend node of this cluster (nodes: ${known.join(', ')})`,
    suggestion ? `did you mean \`${suggestion}\`?` : undefined);
}
