// What one run of the kubernetes provider holds: an API client per kubeconfig context (made in configure), and
// what expand declared per scope (the databases the data source checks, the replica counts of the Deployments),
// which the reads that follow it need.
import type { ProviderSettings } from '../provider.ts';
import type { KubernetesCluster } from '../../schemas/topology.ts';
import type { DeclaredDatabase } from './declared-database.ts';
import { KubernetesApi } from './kubernetes-api.ts';
import { parseScope } from './kubernetes-scope.ts';
import { loadKubeConfig } from './kube-config.ts';

export class KubernetesSession {
  readonly #apis = new Map<string, KubernetesApi>();
  readonly #databases = new Map<string, Map<string, DeclaredDatabase>>();
  readonly #replicas = new Map<string, number>();

  configure(settings: ProviderSettings): void {
    this.close();
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
