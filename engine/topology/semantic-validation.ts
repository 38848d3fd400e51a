import type { ProviderRegistry } from '../../providers/provider.ts';
import type { Topology } from '../../schemas/topology.ts';
import { haOwnershipRules, replicationCheckRules } from './rules/ha-ownership-rules.ts';
import { namingRules } from './rules/naming-rules.ts';
import { proxyConfigRules } from './rules/proxy-config-rules.ts';
import { proxyHaRules } from './rules/proxy-ha-rules.ts';
import { proxyClientAccessRules } from './rules/proxy-client-access-rules.ts';
import { providerRules } from './rules/provider-rules.ts';
import { proxySettingRules } from './rules/proxy-setting-rules.ts';
import { pgpoolEngineRules } from './rules/pgpool-engine-rules.ts';
import { replicationRules } from './rules/replication-rules.ts';
import type { Path, Rule } from './rules/rule.ts';
import { secretRules } from './rules/secret-rules.ts';
import { stateRules } from './rules/state-rules.ts';
import { tlsRules } from './rules/tls-rules.ts';

export interface SemanticFinding {
  severity: 'error' | 'warning';
  path: Path;
  message: string;
  hint?: string;
}

// proxyConfigRules comes last: it catches what the specific rules do not, and stays quiet where one has spoken.
function rulesWith(providers: Rule): Rule[] {
  return [haOwnershipRules, replicationCheckRules, proxyHaRules, namingRules, providers, secretRules, stateRules, proxySettingRules, tlsRules, proxyClientAccessRules, pgpoolEngineRules, replicationRules, proxyConfigRules];
}

/** Runs every rule that the schema cannot express, the providers' own included, over a schema-valid topology. */
export function semanticFindings(topology: Topology, registry: ProviderRegistry): SemanticFinding[] {
  const rules = rulesWith(providerRules(registry));
  const findings: SemanticFinding[] = [];
  // Every prefix of every error's path, so hasError is one lookup however many findings there are.
  const errorPrefixes = new Set<string>();
  const key = (path: Path) => path.join('\0');
  const context = {
    topology,
    error: (path: Path, message: string, hint?: string) => {
      findings.push({ severity: 'error', path, message, hint });
      for (let length = 0; length <= path.length; length++) errorPrefixes.add(key(path.slice(0, length)));
    },
    warn: (path: Path, message: string, hint?: string) => findings.push({ severity: 'warning', path, message, hint }),
    hasError: (path: Path) => errorPrefixes.has(key(path)),
  };
  for (const rule of rules) {
    try {
      rule(context);
    } catch (error) {
      // A rule meeting a shape it does not expect is pgtopo's bug; say so at the file level instead of crashing.
      findings.push({ severity: 'error', path: [], message: `internal error while checking the topology (${rule.name}): ${(error as Error).message}; please report it` });
    }
  }
  return findings;
}
