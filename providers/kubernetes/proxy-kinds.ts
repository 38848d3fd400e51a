// The kinds of object pgtopo applies for a proxy tier, and how each one's attributes map to the object. Most carry
// the object as `manifest`; the ConfigMap carries the tier config its files are rendered from, and the
// Deployment its replica count apart: once another manager (an HPA) owns spec.replicas, pgtopo stops sending it
// and reports the declared count, so the HPA's value is neither drift nor overwritten.
import type { AttributeSchema, AttributeValue } from '../provider.ts';
import { TIER_SECTION_NAMES, tierAppliesBy, tierSectionDescription, tierSections } from '../../proxy-tier/tier-attributes.ts';
import type { AppliedKind } from './applied-object-type.ts';
import { FIELD_MANAGER, isRecord, ownerOf } from './managed-fields.ts';
import { proxyConfigFiles, renderedTier, type TierRecord } from './proxy-config-files.ts';

export const PROXY_KINDS = {
  serviceAccount: { type: 'kubernetes_service_account', apiVersion: 'v1', kind: 'ServiceAccount' },
  configMap: { type: 'kubernetes_config_map', apiVersion: 'v1', kind: 'ConfigMap' },
  deployment: { type: 'kubernetes_deployment', apiVersion: 'apps/v1', kind: 'Deployment' },
  service: { type: 'kubernetes_service', apiVersion: 'v1', kind: 'Service' },
  podDisruptionBudget: { type: 'kubernetes_pod_disruption_budget', apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
} as const;

/** `declaredReplicas(namespace, name)`: the replica count the topology declares for that Deployment. */
export function proxyKinds(declaredReplicas: DeclaredReplicas): AppliedKind[] {
  return [PROXY_KINDS.serviceAccount, configMapKind(), deploymentKind(declaredReplicas), PROXY_KINDS.service, PROXY_KINDS.podDisruptionBudget];
}

/** Rendered files that are what pgtopo renders: the `files` attribute's desired value. */
export const FILES_AS_RENDERED = 'as rendered by pgtopo';

function configMapKind(): AppliedKind {
  return {
    ...PROXY_KINDS.configMap,
    attributes: {
      cluster: { description: 'the pgtopo cluster' },
      engine: { description: 'builtin or pgpool2' },
      files: { description: 'whether the files are what pgtopo renders from the sections' },
      ...tierSectionSchema(),
    },
    toBody: (attributes) => ({ ...(attributes.manifest as object), data: proxyConfigFiles(tierRecord(attributes)) }),
    fromLive(owned) {
      const { data, ...manifest } = owned;
      const { record, edited } = renderedTier((isRecord(data) ? data : {}) as Record<string, string>);
      return {
        manifest: manifest as AttributeValue,
        ...(record ? { cluster: record.cluster, engine: record.engine, ...record.sections as Record<string, AttributeValue> } : {}),
        files: edited.length === 0 ? FILES_AS_RENDERED : `changed outside pgtopo: ${edited.join(', ')}`,
      };
    },
  };
}

function tierRecord(attributes: Record<string, AttributeValue>): TierRecord {
  return { cluster: String(attributes.cluster), engine: attributes.engine as TierRecord['engine'], sections: tierSections(attributes) };
}

/**
 * Each tier section an attribute, so a plan shows them one by one and says how a change reaches the pods: a
 * reload (the ConfigMap volume, answered with SIGHUP) or a restart (the Deployment's checksum rolls the pods).
 */
function tierSectionSchema(): Record<string, AttributeSchema> {
  return Object.fromEntries(TIER_SECTION_NAMES.map((name): [string, AttributeSchema] => [name, {
    description: tierSectionDescription(name),
    appliesBy: (attributes) => tierAppliesBy(name, attributes.engine === 'pgpool2' ? 'pgpool2' : 'builtin') ?? 'reload',
  }]));
}

type DeclaredReplicas = (namespace: string, name: string) => number | undefined;

function deploymentKind(declaredReplicas: DeclaredReplicas): AppliedKind {
  return {
    ...PROXY_KINDS.deployment,
    attributes: {
      replicas: { appliesBy: 'reload', description: 'proxy pods; left to another manager (an HPA) once it owns spec.replicas' },
      // Who scales the Deployment is not drift: pgtopo yields spec.replicas to whoever took it.
      replicas_owner: { computed: true, runtimeOwned: true },
      ready_replicas: { computed: true, runtimeOwned: true, description: 'pods ready now (for pgtopo status)' },
    },
    toBody(attributes, current) {
      const manifest = attributes.manifest as { spec?: object };
      const owner = current?.attributes.replicas_owner;
      const sendReplicas = owner === undefined || owner === null || owner === FIELD_MANAGER;
      return { ...manifest, spec: { ...manifest.spec, ...(sendReplicas ? { replicas: attributes.replicas } : {}) } };
    },
    fromLive(owned, live) {
      const owner = ownerOf(live, ['spec', 'replicas']) ?? null;
      const { replicas: _replicas, ...spec } = isRecord(owned.spec) ? owned.spec : {};
      const liveReplicas = (live.spec as { replicas?: number } | undefined)?.replicas ?? null;
      const declared = declaredReplicas(String(live.metadata?.namespace), String(live.metadata?.name));
      const replicas = owner === null || owner === FIELD_MANAGER ? liveReplicas : declared ?? liveReplicas;
      const ready = (live.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
      return { manifest: { ...owned, spec } as AttributeValue, replicas, replicas_owner: owner, ready_replicas: ready };
    },
  };
}
