// What one run of the kubernetes provider holds: an API client per kubeconfig context (made in configure), and
// what expand declared per scope (the databases the data source checks, the replica counts of the Deployments),
// which the reads that follow it need. @kubernetes/client-node is loaded only here, when a topology has a Kubernetes
// cluster: it is a third of what every other `pgtopo` command would load at start.
import type { ProviderSettings } from '../provider.ts';
import type { KubernetesCluster } from '../../schemas/topology.ts';
import type { DeclaredDatabase } from './declared-database.ts';
import type { KubernetesApi } from './kubernetes-api.ts';
import { parseScope } from './kubernetes-scope.ts';

export class KubernetesSession {
  readonly #apis = new Map<string, KubernetesApi>();
  readonly #databases = new Map<string, Map<string, DeclaredDatabase>>();
  readonly #replicas = new Map<string, number>();

  async configure(settings: ProviderSettings): Promise<void> {
    this.close();
    if (settings.clusters.length === 0) return;
    const [{ KubernetesApi }, { loadKubeConfig }] = await Promise.all([import('./kubernetes-api.ts'), import('./kube-config.ts')]);
    for (const { cluster } of settings.clusters) {
      const context = (cluster as KubernetesCluster).context ?? '';
      if (!this.#apis.has(context)) this.#apis.set(context, new KubernetesApi(loadKubeConfig(settings.env, context)));
    }
  }

  close(): void {
    this.#apis.clear();
    this.#databases.clear();
    this.#replicas.clear();
  }

  api(scope: string): KubernetesApi {
    const { context } = parseScope(scope);
    const api = this.#apis.get(context);
    if (!api) throw new Error(`no Kubernetes client for context "${context || '(current)'}": the provider was not configured for it`);
    return api;
  }

  declare(scope: string, database: DeclaredDatabase, deploymentName: string, replicas: number): void {
    const databases = this.#databases.get(scope) ?? new Map<string, DeclaredDatabase>();
    databases.set(database.clusterName, database);
    this.#databases.set(scope, databases);
    this.#replicas.set(`${database.namespace}/${deploymentName}`, replicas);
  }

  databases(scope: string): DeclaredDatabase[] {
    return [...(this.#databases.get(scope)?.values() ?? [])];
  }

  declaredReplicas(namespace: string, name: string): number | undefined {
    return this.#replicas.get(`${namespace}/${name}`);
  }
}
