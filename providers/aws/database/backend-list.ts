// The `backends` attribute every database data source carries: the proxies' backend list in the proxy tier's own
// shape (BackendAddress), plain JSON so the plan can show it and a proxy config can reference it.
import type { BackendAddress } from '../../../proxy-tier/proxy-tier-config.ts';
import type { AttributeValue } from '../../provider.ts';

export function backendList(addresses: BackendAddress[]): AttributeValue {
  return addresses.map((address) => ({ ...address }));
}

/** A managed database's endpoint: the writer is always the primary (AWS fails it over behind the name). */
export function writerBackend(host: string, port: number): BackendAddress {
  return { name: 'writer', host, port, role: 'primary' };
}

/**
 * One of possibly several reader addresses, all serving the feature matrix's `reader` node. `node` is left out
 * where it is the name (the default), so a list read back from a rendered proxy config is the same list.
 */
export function readerBackend(name: string, host: string, port: number): BackendAddress {
  return { name, ...(name === 'reader' ? {} : { node: 'reader' }), host, port, role: 'standby' };
}
