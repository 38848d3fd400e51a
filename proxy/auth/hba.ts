// pg_hba.conf-style access rules for clients of the proxy: the first rule whose connection type,
// database, user and address all match decides the method; no matching rule means reject.
import { isIP } from 'node:net';

export type HbaConnectionType = 'host' | 'hostssl' | 'hostnossl';
export type HbaMethod = 'scram-sha-256' | 'md5' | 'trust' | 'reject';

export interface HbaRule {
  type: HbaConnectionType;
  /** 'all', one name, or a comma-separated list of names. */
  database: string;
  /** 'all', one name, or a comma-separated list of names. */
  user: string;
  /** 'all', or an IPv4/IPv6 address with optional /prefix (a bare address matches only itself). */
  address: string;
  method: HbaMethod;
}

export interface HbaConnection {
  address: string;
  database: string;
  user: string;
  tls: boolean;
}

/** How PostgreSQL names a connection in its hba refusals: `host "…", user "…", database "…", no encryption`. */
export function describeConnection({ address, user, database, tls }: HbaConnection): string {
  return `host "${address}", user "${user}", database "${database}", ${tls ? 'SSL encryption' : 'no encryption'}`;
}

export interface HbaMatch {
  method: HbaMethod;
  /** Index of the rule that matched, or null when none did (method is then 'reject'). */
  ruleIndex: number | null;
}

interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

const CONNECTION_TYPES: readonly string[] = ['host', 'hostssl', 'hostnossl'];
const METHODS: readonly string[] = ['scram-sha-256', 'md5', 'trust', 'reject'];

function ipv4Bytes(address: string): Uint8Array {
  return Uint8Array.from(address.split('.').map(Number));
}

function ipv6Groups(part: string): number[] {
  if (part === '') return [];
  const groups: number[] = [];
  for (const piece of part.split(':')) {
    if (piece.includes('.')) {
      const [a, b, c, d] = ipv4Bytes(piece);
      groups.push((a << 8) | b, (c << 8) | d);
    } else {
      groups.push(parseInt(piece, 16));
    }
  }
  return groups;
}

function ipv6Bytes(address: string): Uint8Array {
  const [head, tail] = address.split('%')[0].split('::');
  const headGroups = ipv6Groups(head);
  const tailGroups = tail === undefined ? [] : ipv6Groups(tail);
  const groups = [...headGroups, ...new Array(8 - headGroups.length - tailGroups.length).fill(0), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

// Clients come from a few application hosts, so their addresses repeat: each is parsed once, not at every login
// (splitting and validating it was ~5 µs of a login's CPU). Bounded: once full it starts over.
const parsedAddresses = new Map<string, Uint8Array | null>();
const MAX_PARSED_ADDRESSES = 4096;

/** addressBytes, remembered; the bytes are shared, and only read. */
function clientAddressBytes(address: string): Uint8Array | null {
  let bytes = parsedAddresses.get(address);
  if (bytes === undefined) {
    if (parsedAddresses.size >= MAX_PARSED_ADDRESSES) parsedAddresses.clear();
    bytes = addressBytes(address);
    parsedAddresses.set(address, bytes);
  }
  return bytes;
}

/** Address bytes, with IPv4-mapped IPv6 (::ffff:a.b.c.d, as dual-stack sockets report IPv4 peers) folded to IPv4. */
function addressBytes(address: string): Uint8Array | null {
  const family = isIP(address.split('%')[0]);
  if (family === 4) return ipv4Bytes(address);
  if (family !== 6) return null;
  const bytes = ipv6Bytes(address);
  return MAPPED_PREFIX.every((b, i) => bytes[i] === b) ? bytes.subarray(12) : bytes;
}

// Rule addresses come from the config, so this holds one entry per distinct pattern; matching no longer parses
// every rule's address at every login.
const parsedCidrs = new Map<string, Cidr | null>();

function parseCidr(text: string): Cidr | null {
  let cidr = parsedCidrs.get(text);
  if (cidr === undefined) {
    cidr = parseCidrText(text);
    parsedCidrs.set(text, cidr);
  }
  return cidr;
}

function parseCidrText(text: string): Cidr | null {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const bytes = family === 4 ? ipv4Bytes(address) : ipv6Bytes(address);
  const maxPrefix = bytes.length * 8;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d*$/.test(prefixText ?? '') || prefixText === '' || prefix > maxPrefix) return null;
  return { bytes, prefix };
}

function inCidr(address: Uint8Array, cidr: Cidr): boolean {
  if (address.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const bits = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if ((address[bit / 8] & mask) !== (cidr.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

function nameMatches(pattern: string, name: string): boolean {
  return pattern.split(',').some((item) => {
    const entry = item.trim();
    return entry === 'all' || entry === name;
  });
}

function typeMatches(type: HbaConnectionType, tls: boolean): boolean {
  return type === 'host' || (type === 'hostssl') === tls;
}

function addressMatches(pattern: string, address: Uint8Array | null): boolean {
  if (pattern === 'all') return true;
  const cidr = parseCidr(pattern);
  return cidr !== null && address !== null && inCidr(address, cidr);
}

export function matchHba(rules: readonly HbaRule[], connection: HbaConnection): HbaMatch {
  const address = clientAddressBytes(connection.address);
  const ruleIndex = rules.findIndex(
    (rule) =>
      typeMatches(rule.type, connection.tls) &&
      nameMatches(rule.database, connection.database) &&
      nameMatches(rule.user, connection.user) &&
      addressMatches(rule.address, address),
  );
  return ruleIndex < 0 ? { method: 'reject', ruleIndex: null } : { method: rules[ruleIndex].method, ruleIndex };
}

/**
 * Whether a client may be told that the rules reject it (28000, as PostgreSQL does) without learning which user
 * names the proxy knows: when a reject rule names its user explicitly (the name is then the rule's, whether or not
 * such a user exists), or when no rule for its connection type, database and address lets any name in. Otherwise
 * the rejection only says that no rule lists this name, which is what an unknown name would see.
 */
export function mayTellRejection(rules: readonly HbaRule[], connection: HbaConnection, match: HbaMatch): boolean {
  if (match.ruleIndex !== null && listsName(rules[match.ruleIndex].user, connection.user)) return true;
  for (const rule of rulesForAnyName(rules, connection)) {
    if (rule.method !== 'reject') return false;
    if (listsName(rule.user, 'all')) return true;
  }
  return true;
}

/**
 * The password method a hidden rejection is answered with: that of the first rule that asks some name for a
 * password here, so that the exchange looks like the one a listed user gets.
 */
export function standInMethod(rules: readonly HbaRule[], connection: HbaConnection): 'scram-sha-256' | 'md5' {
  const rule = rulesForAnyName(rules, connection).find((r) => r.method === 'md5' || r.method === 'scram-sha-256');
  return rule?.method === 'md5' ? 'md5' : 'scram-sha-256';
}

/** The rules that apply to this connection's type, database and address under some user name, in order. */
function rulesForAnyName(rules: readonly HbaRule[], connection: HbaConnection): HbaRule[] {
  const address = clientAddressBytes(connection.address);
  return rules.filter(
    (rule) => typeMatches(rule.type, connection.tls) && nameMatches(rule.database, connection.database) && addressMatches(rule.address, address),
  );
}

function listsName(pattern: string, name: string): boolean {
  return pattern.split(',').some((item) => item.trim() === name);
}

/** Problems with a rule list, one actionable sentence each, for config validation (empty when valid). */
export function validateHbaRules(rules: readonly HbaRule[]): string[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    const where = `hba rule ${i + 1}`;
    if (!CONNECTION_TYPES.includes(rule.type)) problems.push(`${where}: type must be one of ${CONNECTION_TYPES.join(', ')}`);
    if (!METHODS.includes(rule.method)) problems.push(`${where}: method must be one of ${METHODS.join(', ')}`);
    if (!rule.database?.trim()) problems.push(`${where}: database must be 'all' or a comma-separated list of names`);
    if (!rule.user?.trim()) problems.push(`${where}: user must be 'all' or a comma-separated list of names`);
    if (rule.address !== 'all' && parseCidr(rule.address ?? '') === null) {
      problems.push(`${where}: address "${rule.address}" must be 'all' or an IPv4/IPv6 address with optional /prefix`);
    }
  });
  return problems;
}
