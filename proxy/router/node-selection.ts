// Which node a read goes to (rules 17–21) and which node is the primary (rule 21). Randomness is injected so the
// weighted and probabilistic choices are reproducible in tests.

import { REDIRECT_PROBABILITY } from '../config/proxy-defaults.ts';
import type { BackendNode, BackendsSnapshot, RouterConfig } from './router-config.ts';
import type { SessionIdentity } from './session-route-state.ts';

export type RandomSource = () => number;

export interface PrimaryResolution {
  primary: BackendNode | undefined;
  /** Node ids claiming primary that must not get traffic (rule 21). */
  falsePrimaries: string[];
  reason: string;
}

export function resolvePrimary(snapshot: BackendsSnapshot): PrimaryResolution {
  const flagged = snapshot.nodes.filter((n) => n.falsePrimary).map((n) => n.id);
  const always = snapshot.nodes.find((n) => n.alwaysPrimary);
  if (always !== undefined) {
    const usable = always.status === 'up';
    return { primary: usable ? always : undefined, falsePrimaries: flagged, reason: `${always.name} is always-primary` };
  }
  const claims = snapshot.nodes.filter((n) => n.role === 'primary' && n.status === 'up' && !n.falsePrimary);
  if (claims.length === 1) return { primary: claims[0], falsePrimaries: flagged, reason: `${claims[0].name} is primary` };
  if (claims.length === 0) return { primary: undefined, falsePrimaries: flagged, reason: 'no primary is up' };
  const confirmed = claims.find((n) => n.id === snapshot.confirmedPrimaryId);
  const others = claims.filter((n) => n !== confirmed).map((n) => n.id);
  if (confirmed === undefined) {
    return { primary: undefined, falsePrimaries: flagged, reason: 'several nodes claim primary and none is confirmed' };
  }
  return {
    primary: confirmed,
    falsePrimaries: [...flagged, ...others],
    reason: `${confirmed.name} is the confirmed primary; ${others.join(', ')} also claim primary (false primary)`,
  };
}

/**
 * resolvePrimary for every routing decision without recomputing it: the answer changes only when the snapshot, a
 * node, or a node's role, status or primary flags change (snapshots may be updated in place).
 */
export class PrimaryResolver {
  #snapshot: BackendsSnapshot | undefined;
  #confirmedPrimaryId: string | undefined;
  /** Per node: the node object, role, status, alwaysPrimary, falsePrimary, as last resolved. */
  readonly #seen: unknown[] = [];
  #resolution: PrimaryResolution | undefined;

  resolve(snapshot: BackendsSnapshot): PrimaryResolution {
    if (this.#resolution !== undefined && snapshot === this.#snapshot && this.#unchanged(snapshot)) return this.#resolution;
    this.#snapshot = snapshot;
    this.#confirmedPrimaryId = snapshot.confirmedPrimaryId;
    this.#seen.length = 0;
    for (const n of snapshot.nodes) this.#seen.push(n, n.role, n.status, n.alwaysPrimary, n.falsePrimary);
    this.#resolution = resolvePrimary(snapshot);
    return this.#resolution;
  }

  #unchanged(snapshot: BackendsSnapshot): boolean {
    const nodes = snapshot.nodes;
    const seen = this.#seen;
    if (snapshot.confirmedPrimaryId !== this.#confirmedPrimaryId || seen.length !== nodes.length * 5) return false;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const at = i * 5;
      if (seen[at] !== n || seen[at + 1] !== n.role || seen[at + 2] !== n.status) return false;
      if (seen[at + 3] !== n.alwaysPrimary || seen[at + 4] !== n.falsePrimary) return false;
    }
    return true;
  }
}

/** Why a standby is over the lag limit (rule 19), or undefined. Unknown lag counts as within the limit. */
export function lagExcess(node: BackendNode, config: RouterConfig): string | undefined {
  if (config.delayThreshold > 0 && (node.lagBytes ?? 0) > config.delayThreshold) {
    return `${node.name} lags ${node.lagBytes} bytes (delayThreshold ${config.delayThreshold})`;
  }
  if (config.delayThresholdByTime > 0 && (node.lagMs ?? 0) > config.delayThresholdByTime) {
    return `${node.name} lags ${node.lagMs} ms (delayThresholdByTime ${config.delayThresholdByTime})`;
  }
  return undefined;
}

/** A node that may be chosen as a load-balance node at all (up, weighted, really a primary or standby). */
export function canServeReads(node: BackendNode, primary: BackendNode | undefined): boolean {
  if (node.status !== 'up' || node.weight <= 0 || node.falsePrimary) return false;
  return node === primary || (node.role === 'standby' && !node.alwaysPrimary);
}

function readEligible(snapshot: BackendsSnapshot, primary: BackendNode | undefined, config: RouterConfig): BackendNode[] {
  return snapshot.nodes.filter((n) => canServeReads(n, primary) && (n === primary || lagExcess(n, config) === undefined));
}

export function chooseWeighted(nodes: readonly BackendNode[], random: RandomSource): BackendNode | undefined {
  const total = nodes.reduce((sum, n) => sum + n.weight, 0);
  if (total <= 0) return undefined;
  let point = random() * total;
  for (const node of nodes) {
    point -= node.weight;
    if (point < 0) return node;
  }
  return nodes[nodes.length - 1];
}

export interface NodeChoice {
  node: BackendNode | undefined;
  rule: number;
  reason: string;
}

/** Chooses a session's load-balance node: redirect preferences first (rule 18), then weights (rule 17). */
export function chooseBalancedNode(
  snapshot: BackendsSnapshot,
  primary: BackendNode | undefined,
  config: RouterConfig,
  identity: SessionIdentity,
  random: RandomSource,
): NodeChoice {
  const eligible = readEligible(snapshot, primary, config);
  const preferred = redirectPreference(config, identity);
  if (preferred !== undefined && random() < (preferred.entry.probability ?? REDIRECT_PROBABILITY)) {
    const node = redirectTarget(preferred.entry.target, eligible, primary, random);
    if (node !== undefined) {
      return { node, rule: 18, reason: `${preferred.field} matches ${preferred.entry.pattern}: ${node.name}` };
    }
  }
  const node = chooseWeighted(eligible, random);
  if (node !== undefined) return { node, rule: 17, reason: `${node.name} chosen by weight` };
  return { node: primary, rule: 20, reason: 'no node is eligible for reads; reading from the primary' };
}

function redirectTarget(
  target: string,
  eligible: BackendNode[],
  primary: BackendNode | undefined,
  random: RandomSource,
): BackendNode | undefined {
  if (target === 'primary') return primary;
  if (target === 'standby') return chooseWeighted(eligible.filter((n) => n !== primary), random);
  return eligible.find((n) => n.name === target);
}

const PREFERENCE_FIELDS = [
  ['applicationName', 'application_name'],
  ['database', 'database'],
  ['user', 'user'],
] as const;

function redirectPreference(config: RouterConfig, identity: SessionIdentity) {
  for (const [field, label] of PREFERENCE_FIELDS) {
    const value = identity[field];
    if (value === undefined) continue;
    const entry = config.redirectPreferences[field].find((e) => new RegExp(`^(?:${e.pattern})$`).test(value));
    if (entry !== undefined) return { field: label, entry };
  }
  return undefined;
}

/**
 * Where a balanced read of this statement goes, given the session's load-balance node: the node itself, or when it
 * lags, the primary or the least-lagging eligible standby (rule 19).
 */
export function readTarget(
  balanced: BackendNode,
  snapshot: BackendsSnapshot,
  primary: BackendNode | undefined,
  config: RouterConfig,
): NodeChoice | undefined {
  if (balanced === primary) return undefined;
  const excess = lagExcess(balanced, config);
  if (excess === undefined) return undefined;
  if (config.preferLowerDelayStandby) {
    const standbys = readEligible(snapshot, primary, config).filter((n) => n !== primary);
    const least = standbys.sort((a, b) => lagOf(a) - lagOf(b))[0];
    if (least !== undefined) return { node: least, rule: 19, reason: `${excess}; least-lagging standby ${least.name}` };
  }
  return { node: primary, rule: 19, reason: `${excess}; reading from the primary` };
}

function lagOf(node: BackendNode): number {
  return (node.lagBytes ?? 0) + (node.lagMs ?? 0);
}

