// How a proxy of the tier gets its secrets and the files it reads (TLS certificate, key, CA). The provider that
// places the proxies chooses: a proxy on this host reads the environment pgtopo starts it with and the topology's
// files where they are (same-host-delivery.ts); a proxy on EC2 reads a secret store, one on Kubernetes a
// mounted Secret volume. The rendered config carries only what this returns, never a secret's value.
import type { ProxySecretRef } from '../proxy/config/proxy-tier-settings.ts';
import type { SecretRef } from '../schemas/topology.ts';

export interface SecretDelivery {
  /** The reference the proxy's config carries for a topology secret; throws when this delivery cannot carry it. */
  secretReference(reference: SecretRef): ProxySecretRef;
  /** Where the proxy finds a file the topology names. */
  filePath(file: string): string;
  /** Where the proxy finds key `key` of the Kubernetes Secret `secret`; throws when this delivery mounts no Secrets. */
  secretFile(secret: string, key: string): string;
}
