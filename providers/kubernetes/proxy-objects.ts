// A kubernetes cluster becomes: `<cluster>.postgres` (the operator's database, a data source) and the proxy tier,
// all named `<topology>-<cluster>-proxy` in the cluster's namespace: a ServiceAccount, the ConfigMap with the
// rendered config, the Deployment, the Service clients connect to and a PodDisruptionBudget. The config points
// at the database's Services as read, and the reader's weight is the replica Service's ready endpoints.
import { createHash } from 'node:crypto';
import type { V1Deployment, V1PodDisruptionBudget, V1Service, V1ServiceAccount } from '@kubernetes/client-node';
import type { ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { proxyTierConfig } from '../../proxy-tier/proxy-tier-config.ts';
import { splitTier, tierAppliesBy } from '../../proxy-tier/tier-attributes.ts';
import type { KubernetesCluster, User } from '../../schemas/topology.ts';
import type { DesiredResource, DesiredValue, ExpandInput } from '../provider.ts';
import type { DeclaredDatabase } from './declared-database.ts';
import { scopeOf } from './kubernetes-scope.ts';
import { proxyObjectName } from './object-name.ts';
import { ownerLabels, selectorLabels } from './owner-labels.ts';
import { POSTGRES_DATA_TYPE } from './postgres-discovery.ts';
import { FILES_AS_RENDERED, PROXY_KINDS } from './proxy-kinds.ts';
import { DEFAULT_METRICS_PORT, proxyPodTemplate } from './proxy-pod-spec.ts';
import { secretKeyDelivery } from './secret-key-delivery.ts';

export const DEFAULT_PROXY_PORT = 6432;

export function expandKubernetesCluster(input: ExpandInput, database: DeclaredDatabase): DesiredResource[] {
  const cluster = input.cluster as KubernetesCluster;
  const scope = scopeOf(cluster.context, cluster.namespace);
  const name = proxyObjectName(input.topologyName, input.clusterName);
  const labels = ownerLabels(input.topologyName, input.clusterName);
  const proxy = cluster.proxy ?? {};
  const port = proxy.port ?? DEFAULT_PROXY_PORT;
  const metricsPort = proxy.metricsPort || DEFAULT_METRICS_PORT;
  const delivery = secretKeyDelivery();
  const tier = proxyTierConfig({
    clusterName: input.clusterName, cluster, features: input.features, users: input.users as User[], index: 0, delivery,
    backends: (input.features.backends ?? []).map((node) => ({ name: node.name, host: '', port: database.port, role: 'unknown' })),
    listen: { host: '0.0.0.0', port }, metricsPort,
  });
  const at = (suffix: string) => `${input.clusterName}.${suffix}`;
  const sections = splitTier({ tier, declaredPort: port, backends: withDatabaseReferences(tier, at('postgres'), proxy.loadBalancing?.weights ?? {}) }) as Record<string, DesiredValue>;
  const resource = (suffix: string, type: string, attributes: Record<string, DesiredValue>, dependsOn: string[] = []): DesiredResource =>
    ({ address: at(suffix), type, name, scope, attributes, dependsOn });
  const selector = selectorLabels(input.topologyName, input.clusterName);
  const serviceAccount: V1ServiceAccount = { metadata: { labels }, automountServiceAccountToken: false };
  const deployment: V1Deployment = {
    metadata: { labels },
    spec: {
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: proxyPodTemplate({
        proxy, engine: tier.engine, labels: { ...labels, ...selector }, serviceAccount: name, configMap: name,
        configChecksum: restartChecksum(tier.engine, sections), port, metricsPort, fileSecrets: delivery.fileSecrets(),
      }),
    },
  };
  const service: V1Service = {
    metadata: { labels },
    spec: { type: proxy.serviceType ?? 'ClusterIP', selector, ports: [{ name: 'postgres', port, targetPort: 'postgres' }] },
  };
  const budget: V1PodDisruptionBudget = { metadata: { labels }, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } };
  return [
    { address: at('postgres'), type: POSTGRES_DATA_TYPE, name: input.clusterName, scope, attributes: {} },
    resource('service_account', PROXY_KINDS.serviceAccount.type, { manifest: plain(serviceAccount) }),
    resource('config', PROXY_KINDS.configMap.type, {
      manifest: plain({ metadata: { labels } }), cluster: input.clusterName, engine: tier.engine, files: FILES_AS_RENDERED, ...sections,
    }),
    resource('deployment', PROXY_KINDS.deployment.type, { manifest: withCertificateRoll(plain(deployment), tier.engine, proxy, at('postgres')), replicas: input.features.proxyInstances.value },
      [at('service_account'), at('config')]),
    resource('service', PROXY_KINDS.service.type, { manifest: plain(service) }),
    resource('disruption_budget', PROXY_KINDS.podDisruptionBudget.type, { manifest: plain(budget) }),
  ];
}

/**
 * The writer and reader point at the Services the data source read; the reader weighs its ready replicas unless
 * `loadBalancing.weights` names its weight.
 */
function withDatabaseReferences(tier: ProxyTierConfig, database: string, weights: Record<string, number>): DesiredValue[] {
  const ref = (attribute: string): DesiredValue => ({ $ref: database, attribute });
  return tier.config.backends.map((backend, index): DesiredValue => {
    const role = index === 0 ? 'primary' : 'replica';
    const followsReady = index > 0 && weights[backend.name] === undefined;
    return { ...backend, host: ref(`${role}_host`), port: ref(`${role}_port`), ...(followsReady ? { weight: ref('ready_replicas') } : {}) };
  });
}

/**
 * A hash of the sections the proxy reads only at start (tierAppliesBy: listen, metrics, TLS, users, Pgpool-II's
 * backends, whose weights aside): the pod template's annotation, so a change of them rolls the pods. Other changes
 * reach running pods through the ConfigMap volume, which the image's entrypoint watches and answers with SIGHUP.
 */
function restartChecksum(engine: ProxyTierConfig['engine'], sections: Record<string, DesiredValue>): string {
  const restart = Object.entries(sections).filter(([section]) => tierAppliesBy(section, engine) === 'restart')
    .map(([section, value]) => [section, section === 'backends' ? withoutWeights(value) : value]);
  return createHash('sha256').update(JSON.stringify(restart)).digest('hex').slice(0, 16);
}

function withoutWeights(backends: DesiredValue): DesiredValue {
  return (backends as Record<string, DesiredValue>[]).map(({ weight: _weight, ...backend }) => backend);
}

/**
 * Pgpool-II reads its certificate only at start (the builtin proxy takes a renewal from the Secrets volume): its pod
 * template carries the certificate's digest as the data source read it, so the apply after a renewal rolls the pods.
 */
function withCertificateRoll(manifest: DesiredValue, engine: ProxyTierConfig['engine'], proxy: KubernetesCluster['proxy'] & object, database: string): DesiredValue {
  if (engine !== 'pgpool2' || !proxy.tls?.certSecret) return manifest;
  const template = ((manifest as { spec: { template: { metadata: { annotations: Record<string, DesiredValue> } } } }).spec.template);
  template.metadata.annotations[CERTIFICATE_ANNOTATION] = { $ref: database, attribute: 'tls_certificate' };
  return manifest;
}

const CERTIFICATE_ANNOTATION = 'pgtopo.io/tls-certificate';

/** A manifest as a plain JSON value (typed objects from the client library are plain objects already). */
function plain(value: object): DesiredValue {
  return JSON.parse(JSON.stringify(value)) as DesiredValue;
}
