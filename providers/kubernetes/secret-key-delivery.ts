// Secret delivery for proxies in pods: a password from a Kubernetes Secret becomes an environment variable the
// container gets through `secretKeyRef`, and the rendered config names only that variable. The Secret stays the
// operator's or the user's: pgtopo never reads its value into a ConfigMap, a plan or state. Environment variables
// and files of the machine pgtopo runs on mean nothing inside a pod, so they are refused.
import { createHash } from 'node:crypto';
import type { V1EnvVar } from '@kubernetes/client-node';
import { SecretDeliveryError } from '../../proxy-tier/same-host-delivery.ts';
import type { SecretDelivery } from '../../proxy-tier/secret-delivery.ts';

export interface SecretKeyDelivery extends SecretDelivery {
  /** The container's environment for every Secret referenced so far, in order of first use. */
  env(): V1EnvVar[];
}

export function secretKeyDelivery(): SecretKeyDelivery {
  const env = new Map<string, V1EnvVar>();
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
      throw new SecretDeliveryError(`${file}: TLS files are not delivered to proxies on kubernetes yet; terminate TLS in front of the proxy Service`);
    },
    env: () => [...env.values()],
  };
}

/** PGTOPO_SECRET_<NAME>_<KEY>: stable across runs, so an unchanged topology renders the same Deployment. */
function envName(secret: string, key: string): string {
  return `PGTOPO_SECRET_${`${secret}_${key}`.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
