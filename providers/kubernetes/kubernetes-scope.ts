// A kubernetes cluster's batch scope: the kubeconfig context and the namespace, `<context>/<namespace>` (an empty
// context: the kubeconfig's current one). Namespaces cannot hold `/`, so the last one splits them.
export interface KubernetesScope {
  /** '' for the kubeconfig's current context. */
  context: string;
  namespace: string;
}

export function scopeOf(context: string | undefined, namespace: string): string {
  return `${context ?? ''}/${namespace}`;
}

export function parseScope(scope: string): KubernetesScope {
  const split = scope.lastIndexOf('/');
  if (split < 0) throw new Error(`"${scope}" is not a kubernetes scope (<context>/<namespace>)`);
  return { context: scope.slice(0, split), namespace: scope.slice(split + 1) };
}
