// The proxy pods: one container running the proxy image's entrypoint for the chosen engine, its config from the
// ConfigMap volume and its passwords and TLS files from the Secrets volume. A rollout drops no transaction: readiness turns
// false as soon as the proxy starts shutting down, preStop waits for the endpoints to go, SIGTERM drains open
// transactions, and terminationGracePeriodSeconds leaves room for all of it. Liveness asks only the proxy process
// (/healthz never queries a database), so a database failover never restarts the proxies.
import type { V1EnvVar, V1PodTemplateSpec, V1Probe, V1ResourceRequirements, V1SecretProjection, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { POOL_DEFAULTS } from '../../proxy/config/proxy-defaults.ts';
import { PROXY_NODE_OPTIONS } from '../../proxy/young-generation.ts';
import type { KubernetesProxy } from '../../schemas/topology.ts';
import { durationMs } from '../../schemas/units.ts';
import { CONFIG_DIR, RUN_DIR } from './proxy-config-files.ts';
import { SECRETS_DIR } from './secret-key-delivery.ts';

export const DEFAULT_IMAGE = 'ghcr.io/pgtopo/pgtopo:latest';
export const DEFAULT_METRICS_PORT = 9187;
export const DEFAULT_GRACE = '60s';
/** How long preStop waits so the endpoints controller stops sending new clients before SIGTERM. */
export const PRE_STOP_SECONDS = 5;
/** What the proxy spends draining after SIGTERM (pool.shutdownGraceMs). */
export const DRAIN_MS = POOL_DEFAULTS.shutdownGraceMs;
/**
 * The image's group (Dockerfile `USER 10001:10001`). As the pod's fsGroup it owns the Secrets volume's files, which
 * are 0440: readable by the proxy, and a private key Pgpool-II accepts (root-owned, no more than group read).
 */
const IMAGE_GROUP = 10001;

export interface PodInput {
  proxy: KubernetesProxy;
  engine: 'builtin' | 'pgpool2';
  labels: Record<string, string>;
  serviceAccount: string;
  configMap: string;
  configChecksum: string;
  port: number;
  metricsPort: number;
  /** Secrets whose keys the config names as files (secret-key-delivery.ts), projected into SECRETS_DIR. */
  fileSecrets: V1SecretProjection[];
}

export function proxyPodTemplate(input: PodInput): V1PodTemplateSpec {
  const probe = probeFor(input);
  const env = nodeOptionsFor(input.engine);
  const secrets = secretsVolume(input.fileSecrets);
  return {
    metadata: { labels: input.labels, annotations: { 'pgtopo.io/config-checksum': input.configChecksum } },
    spec: {
      serviceAccountName: input.serviceAccount,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: Math.ceil(durationMs(input.proxy.terminationGracePeriod ?? DEFAULT_GRACE) / 1000),
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...(secrets ? { fsGroup: IMAGE_GROUP } : {}) },
      containers: [{
        name: 'proxy',
        image: input.proxy.image ?? DEFAULT_IMAGE,
        args: [input.engine],
        ports: [
          { name: 'postgres', containerPort: input.port },
          ...(input.engine === 'builtin' ? [{ name: 'metrics', containerPort: input.metricsPort }] : []),
        ],
        ...(env.length > 0 ? { env } : {}),
        volumeMounts: [{ name: 'config', mountPath: CONFIG_DIR, readOnly: true }, { name: 'run', mountPath: RUN_DIR }, ...(secrets ? [secrets.mount] : [])],
        readinessProbe: { ...probe, periodSeconds: 2, failureThreshold: 1 },
        livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 },
        lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
        ...(input.proxy.resources ? { resources: input.proxy.resources as V1ResourceRequirements } : {}),
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
      }],
      volumes: [{ name: 'config', configMap: { name: input.configMap } }, { name: 'run', emptyDir: {} }, ...(secrets ? [secrets.volume] : [])],
    },
  };
}

/** One read-only volume for every Secret the proxy reads; kubelet swaps in changed keys through `..data`. */
function secretsVolume(secrets: V1SecretProjection[]): { volume: V1Volume; mount: V1VolumeMount } | null {
  if (secrets.length === 0) return null;
  return {
    volume: { name: 'secrets', projected: { defaultMode: 0o440, sources: secrets.map((secret) => ({ secret })) } },
    mount: { name: 'secrets', mountPath: SECRETS_DIR, readOnly: true },
  };
}

/** node's flags for the builtin proxy: the image's entrypoint runs `pgtopo proxy`, a `#!/usr/bin/env node` script. */
function nodeOptionsFor(engine: PodInput['engine']): V1EnvVar[] {
  return engine === 'builtin' ? [{ name: 'NODE_OPTIONS', value: PROXY_NODE_OPTIONS }] : [];
}

/** The builtin proxy answers /healthz on its metrics port; Pgpool-II has no such endpoint, so its port is tried. */
function probeFor(input: PodInput): V1Probe {
  return input.engine === 'builtin'
    ? { httpGet: { path: '/healthz', port: 'metrics' } }
    : { tcpSocket: { port: 'postgres' } };
}
