import { secretReferenceSites, type SecretReferenceSite } from '../secret-references.ts';
import type { Rule, RuleContext } from './rule.ts';

/** Kubernetes Secrets exist only for kubernetes clusters, and proxy pods read passwords from nothing else. */
export const secretRules: Rule = (context) => {
  for (const site of secretReferenceSites(context.topology)) checkSource(context, site);
};

function checkSource(context: RuleContext, { path, reference, cluster }: SecretReferenceSite): void {
  if (!cluster) return;
  if (reference.fromSecret && cluster.value.environment !== 'kubernetes') {
    context.error([...path, 'fromSecret'], `a Kubernetes Secret cannot hold secrets for a ${cluster.value.environment} cluster`,
      'use `fromEnv` or `fromFile`');
  }
  const local = reference.fromEnv !== undefined ? 'fromEnv' : reference.fromFile !== undefined ? 'fromFile' : null;
  if (local && cluster.value.environment === 'kubernetes') {
    context.error([...path, local], `the proxy pods of kubernetes cluster \`${cluster.name}\` cannot read pgtopo's environment or files`,
      `use \`fromSecret: { name: <Secret>, key: password }\`${path[0] === 'users' ? `, in \`clusters.${cluster.name}.users\` if other clusters share these users` : ''}`);
  }
}
