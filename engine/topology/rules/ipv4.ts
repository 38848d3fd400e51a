// IPv4 arithmetic for the VIP and hba rules.

export function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** Parses `a.b.c.d/n`; null when malformed. */
export function parseIpv4Cidr(cidr: string): { base: number; prefix: number } | null {
  const [address, prefixText] = cidr.split('/');
  const base = ipv4ToNumber(address ?? '');
  const prefix = Number(prefixText);
  if (base === null || !/^\d{1,2}$/.test(prefixText ?? '') || prefix > 32) return null;
  return { base, prefix };
}

export function ipv4InCidr(address: string, cidr: string): boolean {
  const value = ipv4ToNumber(address);
  const range = parseIpv4Cidr(cidr);
  if (value === null || !range) return false;
  const size = 2 ** (32 - range.prefix);
  const start = Math.floor(range.base / size) * size;
  return value >= start && value < start + size;
}
