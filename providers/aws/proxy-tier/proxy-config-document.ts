// The rendered proxy config as the SSM parameter holds it, and back. The plan knows the config in three parts:
// the document without its backends, the backend list from the database data source (BackendAddress[], a
// reference) and each feature node's weight and flags; the parameter holds the one JSON document the proxy reads.
// Read turns it back into the three parts (the node settings travel in the parameter's description, which the
// proxy never reads), so a config nobody touched shows no change and one edited outside pgtopo shows as drift.
import type { ProxyBackendDocument } from '../../../proxy/config/proxy-tier-settings.ts';
import type { EffectiveFeatures } from '../../../proxy-tier/effective-features.ts';
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue } from '../../provider.ts';

export interface NodeSettings {
  weight: number;
  /** The role a managed endpoint always has; null: the proxies detect it. */
  role: 'primary' | 'standby' | null;
  alwaysPrimary: boolean;
  noFailover: boolean;
}

export interface ConfigParts {
  document: Record<string, AttributeValue>;
  backends: BackendAddress[];
  nodeSettings: Record<string, NodeSettings>;
}

const DESCRIPTION_PREFIX = 'pgtopo proxy config; node settings ';
/** SSM's limit on a parameter's description. */
const DESCRIPTION_LIMIT = 1024;

export function nodeSettings(features: EffectiveFeatures): Record<string, NodeSettings> {
  return Object.fromEntries((features.backends ?? []).map((node) => [node.name, {
    weight: node.weight,
    role: node.role === 'writer' ? 'primary' : node.role === 'reader' ? 'standby' : null,
    alwaysPrimary: node.alwaysPrimary,
    noFailover: node.disallowFailover,
  } satisfies NodeSettings]));
}

export function renderConfig(parts: ConfigParts): { value: string; description: string } {
  const backends = parts.backends.map((address, id): ProxyBackendDocument => {
    const node = parts.nodeSettings[address.node ?? address.name];
    return {
      id, name: address.name, host: address.host, port: address.port, weight: node?.weight ?? 1, role: node?.role ?? address.role,
      alwaysPrimary: node?.alwaysPrimary ?? false, noFailover: node?.noFailover ?? false,
    };
  });
  const description = `${DESCRIPTION_PREFIX}${JSON.stringify(parts.nodeSettings)}`;
  if (description.length > DESCRIPTION_LIMIT) throw new Error(`the proxies' backend node settings exceed SSM's ${DESCRIPTION_LIMIT}-character description`);
  return { value: JSON.stringify({ ...parts.document, backends }), description };
}

/** The parts of a stored config; a parameter that is not JSON (edited by hand) comes back as a document of its own. */
export function parseConfig(value: string, description: string | undefined): ConfigParts {
  const nodes = parseNodeSettings(description);
  let parsed: Record<string, AttributeValue>;
  try {
    parsed = JSON.parse(value) as Record<string, AttributeValue>;
  } catch {
    return { document: { unreadable: value.slice(0, 200) }, backends: [], nodeSettings: nodes };
  }
  const { backends = [], ...document } = parsed;
  return { document, backends: (backends as unknown as ProxyBackendDocument[]).map((backend) => addressOf(backend, nodes)), nodeSettings: nodes };
}

function parseNodeSettings(description: string | undefined): Record<string, NodeSettings> {
  if (!description?.startsWith(DESCRIPTION_PREFIX)) return {};
  try {
    return JSON.parse(description.slice(DESCRIPTION_PREFIX.length)) as Record<string, NodeSettings>;
  } catch {
    return {};
  }
}

/** One of several addresses of a node is named `<node>:<which>` (reader:<instance>), as the data sources name them. */
function addressOf(backend: ProxyBackendDocument, nodes: Record<string, NodeSettings>): BackendAddress {
  const node = Object.keys(nodes).find((name) => backend.name.startsWith(`${name}:`));
  return { name: backend.name, ...(node ? { node } : {}), host: backend.host, port: backend.port, role: backend.role };
}
