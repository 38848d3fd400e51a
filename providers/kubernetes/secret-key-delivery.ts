// Secret delivery for proxies in pods: every key of a Kubernetes Secret the proxy needs (a password, a TLS
// certificate, key or CA) is projected into one read-only volume as `<dir>/<secret>/<key>`, and the rendered config
// names only that file. Kubelet swaps a changed Secret into the running pods, where the image's entrypoint tells
// the proxy (SIGHUP): a rotated password or a renewed certificate needs no rollout. The Secrets stay the operator's
// or the user's: pgtopo never reads their values into a ConfigMap, a plan or state. Environment variables and files
// of the machine pgtopo runs on mean nothing inside a pod, so they are refused.
import type { V1SecretProjection } from '@kubernetes/client-node';
import { SecretDeliveryError } from '../../proxy-tier/same-host-delivery.ts';
import type { SecretDelivery } from '../../proxy-tier/secret-delivery.ts';

/** Where the proxy container mounts the Secrets' keys. A Secret's name and keys hold no `/`, so paths are distinct. */
export const SECRETS_DIR = '/etc/pgtopo-secrets';

export interface SecretKeyDelivery extends SecretDelivery {
  /** The Secrets whose keys the config names as files, in order of first use; empty when it names none. */
  fileSecrets(): V1SecretProjection[];
}

export function secretKeyDelivery(): SecretKeyDelivery {
  const files = new Map<string, Set<string>>();
  const secretFile = (secret: string, key: string): string => {
    files.set(secret, (files.get(secret) ?? new Set()).add(key));
    return `${SECRETS_DIR}/${secret}/${key}`;
  };
  return {
    secretReference(reference) {
      const secret = reference.fromSecret;
      if (!secret) {
        throw new SecretDeliveryError('a proxy password on kubernetes must come from `fromSecret` (a Secret in the cluster\'s namespace): `fromEnv` and `fromFile` name things on the machine pgtopo runs on, not in the pod');
      }
      return { file: secretFile(secret.name, secret.key ?? 'password') };
    },
    filePath(file) {
      throw new SecretDeliveryError(`${file}: proxy pods cannot read files of the machine pgtopo runs on; name a Secret (certSecret, caSecret)`);
    },
    secretFile,
    fileSecrets: () => [...files].map(([name, keys]) => ({ name, items: [...keys].map((key) => ({ key, path: `${name}/${key}` })) })),
  };
}
