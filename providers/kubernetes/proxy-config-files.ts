// The files of the proxy ConfigMap, rendered from the tier sections (proxy-tier/tier-attributes.ts) once their
// references (the database's Services, the reader's weight) are known: the builtin proxy's proxy.yaml, or
// Pgpool-II's pgpool.conf and pool_hba.conf. No file holds a secret: the builtin proxy reads `{ file }` references
// to the Secrets volume, and for Pgpool-II the image's entrypoint writes pool_passwd and pcp.conf in the pod from the
// files that `passwords.list` names. `tier.json` keeps the sections they were rendered from, so a read compares like with like.
import YAML from 'yaml';
import type { ProxySecretRef, ProxyTierConfig } from '../../proxy/config/proxy-tier-settings.ts';
import { renderPgpoolFileSet } from '../../proxy/pgpool2/pgpool-file-set.ts';
import { joinTier, type ProxyEngine } from '../../proxy-tier/tier-attributes.ts';

export const CONFIG_DIR = '/etc/pgtopo';
export const RUN_DIR = '/run/pgtopo';
export const LISTEN_HOST = '0.0.0.0';
const TIER_FILE = 'tier.json';
const PCP_PORT = 9898;

/** What a ConfigMap is rendered from. */
export interface TierRecord {
  cluster: string;
  engine: ProxyEngine;
  sections: Record<string, unknown>;
}

export function proxyConfigFiles(record: TierRecord): Record<string, string> {
  const tier = joinTier({ ...record, index: 0, host: LISTEN_HOST, port: record.sections.declared_port as number });
  const files: Record<string, string> = tier.engine === 'builtin'
    ? { 'proxy.yaml': `# Written by pgtopo; changes are overwritten.\n${YAML.stringify(tier.config)}` }
    : pgpoolFiles(tier);
  return { ...files, [TIER_FILE]: JSON.stringify(record) };
}

function pgpoolFiles(tier: ProxyTierConfig): Record<string, string> {
  const files = renderPgpoolFileSet(tier, { runDir: RUN_DIR, poolPasswdFile: `${RUN_DIR}/pool_passwd`, pcpPort: PCP_PORT }, null);
  return { 'pgpool.conf': files['pgpool.conf'], 'pool_hba.conf': files['pool_hba.conf'], 'passwords.list': passwordFiles(tier) };
}

/** `<user> <file> <admin|user>` per line: which file holds whose password, for pool_passwd and pcp.conf. */
function passwordFiles(tier: ProxyTierConfig): string {
  const monitor = tier.monitorUser;
  const users = [...tier.config.users, ...(monitor && !tier.config.users.some((user) => user.name === monitor.name) ? [monitor] : [])];
  return users.flatMap((user) => {
    const password = user.password as ProxySecretRef | undefined;
    return password && 'file' in password ? [`${user.name} ${password.file} ${user.admin ? 'admin' : 'user'}\n`] : [];
  }).join('');
}

/** What a live ConfigMap was rendered from, and which of its files no longer are what pgtopo renders from that. */
export function renderedTier(data: Record<string, string>): { record: TierRecord | null; edited: string[] } {
  const text = data[TIER_FILE];
  if (text === undefined) return { record: null, edited: [TIER_FILE] };
  const record = JSON.parse(text) as TierRecord;
  const expected = proxyConfigFiles(record);
  return { record, edited: Object.keys(expected).filter((name) => data[name] !== expected[name]) };
}
