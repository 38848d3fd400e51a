// Secret delivery for proxies in pods: a password from a Kubernetes Secret becomes an environment variable the
// container gets through `secretKeyRef`, and the rendered config names only that variable; TLS files are keys of
// Secrets projected into one read-only volume, where kubelet also puts a renewed certificate. The Secrets stay the
// operator's or the user's: pgtopo never reads their values into a ConfigMap, a plan or state. Environment
// variables and files of the machine pgtopo runs on mean nothing inside a pod, so they are refused.
import { createHash } from 'node:crypto';
import type { V1EnvVar, V1SecretProjection } from '@kubernetes/client-node';
import { SecretDeliveryError } from '../../proxy-tier/same-host-delivery.ts';
import type { SecretDelivery } from '../../proxy-tier/secret-delivery.ts';

/** Where the proxy container mounts the Secrets that hold TLS files: `<dir>/<secret>/<key>`. */
export const TLS_DIR = '/etc/pgtopo-tls';

export interface SecretKeyDelivery extends SecretDelivery {
  /** The container's environment for every Secret referenced so far, in order of first use. */
  env(): V1EnvVar[];
  /** The Secrets whose keys the config names as files, for the TLS volume; empty when it names none. */
  fileSecrets(): V1SecretProjection[];
}

export function secretKeyDelivery(): SecretKeyDelivery {
  const env = new Map<string, V1EnvVar>();
  const files = new Map<string, Set<string>>();
  return {
    secretReference(reference) {
      const secret = reference.fromSecret;
      if (!secret) {
        throw new SecretDeliveryError('a proxy password on kubernetes must come from `fromSecret` (a Secret in the cluster\'s namespace): `fromEnv` and `fromFile` name things on the machine pgtopo runs on, not in the pod');
      }
      const key = secret.key ?? 'password';
      let name = envName(secret.name, key);
      const taken = env.get(name)?.valueFrom?.secretKeyRef;
      // `a-b`/`c` and `a`/`b-c` spell the same variable: the second gets a hash, never the first one's password.
      if (taken && (taken.name !== secret.name || taken.key !== key)) name = `${name}_${createHash('sha256').update(`${secret.name}\0${key}`).digest('hex').slice(0, 8).toUpperCase()}`;
      env.set(name, { name, valueFrom: { secretKeyRef: { name: secret.name, key } } });
      return { env: name };
    },
    filePath(file) {
      throw new SecretDeliveryError(`${file}: proxy pods cannot read files of the machine pgtopo runs on; name a Secret (certSecret, caSecret)`);
    },
    secretFile(secret, key) {
      files.set(secret, (files.get(secret) ?? new Set()).add(key));
      return `${TLS_DIR}/${secret}/${key}`;
    },
    env: () => [...env.values()],
    fileSecrets: () => [...files].map(([name, keys]) => ({ name, items: [...keys].map((key) => ({ key, path: `${name}/${key}` })) })),
  };
}

/** PGTOPO_SECRET_<NAME>_<KEY>: stable across runs, so an unchanged topology renders the same Deployment. */
function envName(secret: string, key: string): string {
  return `PGTOPO_SECRET_${`${secret}_${key}`.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
