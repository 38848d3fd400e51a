// pool_hba.conf from the proxy tier's client access rules (the same rules the builtin proxy enforces).
import type { TlsClientMode } from '../config/proxy-defaults.ts';
import type { ProxyHbaDocument } from '../config/proxy-tier-settings.ts';

function addresses(address: string): string[] {
  // pool_hba.conf wants CIDR notation; `all` covers both address families.
  return address === 'all' ? ['0.0.0.0/0', '::/0'] : [address];
}

/** Fields are separated by white space: a field holding some (a line break above all) would add a rule. */
function hbaField(field: string): string {
  if (field === '' || /\s/.test(field)) throw new Error(`pool_hba.conf field ${JSON.stringify(field)}: a rule's fields cannot be empty or hold white space`);
  return field;
}

/** With TLS required of clients, every rule matches only TLS connections, and rules for plaintext ones go. */
function tlsOnly(rules: ProxyHbaDocument[]): ProxyHbaDocument[] {
  return rules.filter((rule) => rule.type !== 'hostnossl').map((rule) => ({ ...rule, type: 'hostssl' }));
}

export function renderPoolHba(rules: ProxyHbaDocument[], clientTls: TlsClientMode): string {
  const lines = (clientTls === 'require' ? tlsOnly(rules) : rules).flatMap((rule) => addresses(rule.address).map((address) =>
    [rule.type, rule.database, rule.user, address, rule.method].map(hbaField).join('  ')));
  return `# Written by pgtopo; changes are overwritten.\n# TYPE  DATABASE  USER  ADDRESS  METHOD\n${lines.join('\n')}\n`;
}
