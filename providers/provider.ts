// The one interface every provider (local, ec2, rds/aurora, kubernetes, simulated) implements.
// A provider turns a declared cluster into desired resources and offers the resource types that read, create,
// update and delete them. The engine owns planning, ordering, state and locking; providers only talk to the world.
// Lifecycle of one run: validate (static) → configure → expand → read/create/update/delete → status/outputs → close.
import type { EffectiveFeatures } from '../proxy-tier/effective-features.ts';
import type { BackendAddress } from '../proxy-tier/proxy-tier-config.ts';
import type { ProxyTierConfig } from '../proxy/config/proxy-tier-settings.ts';
import type { Cluster, User } from '../schemas/topology.ts';

/** A plain JSON value as stored in state and shown in plans. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Where a secret comes from. The engine resolves it at apply time; plans and state only ever see the reference. */
export interface SecretReference {
  fromEnv?: string;
  fromFile?: string;
  fromSecret?: { name: string; key: string };
}

/** A desired attribute that holds a secret: resolved just before a create or update, never stored in clear. */
export interface SecretValue {
  $secret: SecretReference;
}

/** A desired attribute taken from another resource (or data source) once it is known, e.g. a server's address. */
export interface ResourceReference {
  $ref: string;
  attribute: string;
}

/** What a provider may put in a desired attribute: plain JSON, secrets and references, nested in lists and maps. */
export type DesiredValue =
  | string
  | number
  | boolean
  | null
  | SecretValue
  | ResourceReference
  | DesiredValue[]
  | { [key: string]: DesiredValue };

export type AppliesBy = 'restart' | 'reload';

/** A restart, and what inside the attribute needs it (the settings of a `parameters` map that only a start applies). */
export interface RestartFor { by: 'restart'; because: string[] }

export interface AttributeSchema {
  /** A change can only be made by deleting and re-creating the object. */
  forceNew?: boolean;
  /**
   * With `forceNew`: an object from before pgtopo recorded this attribute observes none, and gets it recorded in
   * place (an update) rather than being replaced for it.
   */
  recordedInPlace?: boolean;
  /**
   * Owned at runtime by someone else (the VIP holder, the current primary after a failover). The declared value
   * only seeds a create; later differences are neither drift nor reverted.
   */
  runtimeOwned?: boolean;
  /** Never stored in clear nor printed: state keeps a keyed hash and the reference, output shows `(sensitive)`. */
  sensitive?: boolean;
  /** Set by the provider (an id-like address, an endpoint); never declared, so never diffed. */
  computed?: boolean;
  /**
   * How to act, not what exists (a roll's wait): passed to create and update, never observed, so never diffed and
   * never drift.
   */
  inputOnly?: boolean;
  /**
   * A computed value every update of the object changes (a launch template's latest version): while an update is
   * planned, references to it are `(known after apply)`, so what follows it is planned in the same apply.
   */
  changesOnUpdate?: boolean;
  /**
   * A value that an update of these other attributes changes (a rejoin turns a false primary into a standby): while
   * such an update is planned, and does not apply by reload, references to it are `(known after apply)` rather
   * than what the refresh saw.
   */
  changesWith?: readonly string[];
  /**
   * How a change reaches a running object: `reload` keeps it serving, `restart` interrupts it (the plan says so).
   * A function when it depends on the object's other attributes (a proxy engine that reads some settings only at
   * start) or on what changes (`before`: the object as it exists; a PostgreSQL setting that needs a restart).
   */
  appliesBy?: AppliesBy | ((attributes: Record<string, AttributeValue>, before?: Record<string, AttributeValue>) => AppliesBy | RestartFor);
  /** Names this attribute had in earlier versions: state recorded under them is read under the current name. */
  formerNames?: string[];
  description?: string;
}

/** One object pgtopo wants to exist, as produced by Provider.expand. */
export interface DesiredResource {
  /** Stable address used in plans and state: `dev.postgres[0]`, `orders.proxy[1]`, `orders.security_group`. */
  address: string;
  /** Resource type name (one of Provider.resourceTypes). */
  type: string;
  /**
   * Deterministic name of the object in the world (a tag, a file name, a Kubernetes name). The engine finds an
   * object whose create was interrupted by this name, so it must be unique per topology and stable across runs.
   */
  name: string;
  /** Batch scope: objects of one type and scope are read by one list call (a region, a namespace, a host). */
  scope: string;
  attributes: Record<string, DesiredValue>;
  /** Explicit dependencies; references in attributes add theirs automatically. */
  dependsOn?: string[];
}

/** An object as it exists in the world, as returned by a batch read or by create/update. */
export interface ObservedObject {
  id: string;
  name: string;
  attributes: Record<string, AttributeValue>;
}

/** Inputs of a create or update: references resolved to values, secrets resolved to clear text (never logged). */
export interface OperationInput {
  address: string;
  name: string;
  scope: string;
  attributes: Record<string, AttributeValue>;
}

/** Which topology a run is about: cloud providers tag what they create with `ownerTag` and filter reads by it. */
export interface TopologyIdentity {
  name: string;
  /** The value of the owner tag (`pgtopo:<name>`), the same for every object of this topology. */
  ownerTag: string;
}

export function topologyIdentity(name: string): TopologyIdentity {
  return { name, ownerTag: `pgtopo:${name}` };
}

export interface ProviderContext {
  /** The topology being planned or applied: `read` filters by its owner tag server-side. */
  topology: TopologyIdentity;
  /** Aborted on a second Ctrl-C; providers should stop waiting and fail. */
  signal: AbortSignal;
  /** Progress notes shown beside the resource (never include secrets). */
  note(message: string): void;
}

export interface ResourceType {
  name: string;
  /** `data` types are read-only discovery (an Aurora cluster's endpoints, an operator's Services). */
  mode: 'managed' | 'data';
  attributes: Record<string, AttributeSchema>;
  /** Lists every object of this type in one scope, in as few API calls as possible (never one per object). */
  read(scope: string, context: ProviderContext): Promise<ObservedObject[]>;
  create?(input: OperationInput, context: ProviderContext): Promise<ObservedObject>;
  /** `changed` names the attributes whose value differs; only those need to be sent. */
  update?(current: ObservedObject, input: OperationInput, changed: string[], context: ProviderContext): Promise<ObservedObject>;
  delete?(current: ObservedObject, context: ProviderContext): Promise<void>;
  /**
   * How replacements of objects of one group (the proxies of one cluster) are ordered; without it, as their
   * dependencies allow, so all at once.
   */
  replacementOrder?(replacement: Replacement): ReplacementOrder | undefined;
}

/** An object about to be replaced: what it runs with now (state) and what its replacement gets (the plan). */
export interface Replacement {
  address: string;
  scope: string;
  before: Record<string, AttributeValue>;
  after: Record<string, DesiredValue>;
}

/**
 * `rolling`: one at a time in address order, the next destroyed only once the previous one's replacement exists,
 * so the others keep serving. `all-destroyed-first`: no replacement starts before every old object of the group is
 * gone, for objects whose old and new kinds must never run side by side.
 */
export interface ReplacementOrder {
  group: string;
  order: 'rolling' | 'all-destroyed-first';
}

/** Extra per-resource facts for `pgtopo status` (role, lag, endpoints, health). */
export interface ResourceStatus {
  address: string;
  healthy: boolean;
  details: Record<string, string>;
}

export interface ExpandInput {
  topologyName: string;
  clusterName: string;
  cluster: Cluster;
  /** What the engine decided this cluster's proxy tier gets, computed once per cluster: providers never re-derive it. */
  features: EffectiveFeatures;
  /** The users that apply to this cluster (cluster-level users or the topology's). */
  users: User[];
  /** Absolute directory of the topology file: local providers keep their files beside it (.pgtopo/). */
  topologyDir?: string;
}

/** A cluster as the provider's validate hook sees it. */
export interface ValidatedCluster {
  name: string;
  cluster: Cluster;
  features: EffectiveFeatures;
}

/** A problem a provider finds in the declaration, reported at a topology path with file:line:column like any rule. */
export interface ProviderFinding {
  severity: 'error' | 'warning';
  /** From the document root: `['clusters', 'dev', 'proxy', 'port']`. */
  path: Array<string | number>;
  message: string;
  hint?: string;
}

/** What configure gets: the clusters this provider serves in this run (their region, namespace, kubeconfig context). */
export interface ProviderSettings {
  topologyDir: string;
  clusters: { name: string; cluster: Cluster }[];
  /** Where credentials come from (AWS_*, KUBECONFIG): the process environment, or a test's. */
  env: NodeJS.ProcessEnv;
}

/** An object as state records it: what `outputs` and `backends` work from. */
export interface RecordedResource {
  address: string;
  type: string;
  attributes: Record<string, AttributeValue>;
}

export interface Provider {
  name: string;
  /** Cluster environments this provider turns into resources. */
  environments: readonly string[];
  resourceTypes: readonly ResourceType[];
  /**
   * Environment-specific rules over every cluster this provider serves (local port clashes, an instance type the
   * region lacks). Static: it runs while the topology is loaded, before configure, so `pgtopo validate` needs no
   * credentials; findings are merged with the engine's own, in order, so later rules stay quiet where it spoke.
   */
  validate?(clusters: ValidatedCluster[]): ProviderFinding[];
  /**
   * Called once per run before any expand, read or write: create clients here (region, credentials, kubeconfig),
   * never in module-level singletons. The engine always calls close afterwards, also when the run fails.
   */
  configure(settings: ProviderSettings, context: ProviderContext): Promise<void>;
  /** Releases what configure created. Called exactly once per configure, on success and on error. */
  close(): Promise<void>;
  expand(input: ExpandInput): DesiredResource[];
  /**
   * Where a cluster's backends run now (host, port, role), from what state records: what `pgtopo render` puts in
   * the proxy config. Optional: without it render says the provider cannot tell.
   */
  backends?(clusterName: string, features: EffectiveFeatures, resources: RecordedResource[]): BackendAddress[];
  /**
   * The builtin proxy's config as proxy `index` of the cluster runs it, from what state records (null before the
   * first apply): what `pgtopo render` prints, so it shows what only the provider knows (watchdog members and ports,
   * keys, listen address). Optional: without it, and before the first apply, render computes it from the topology.
   */
  appliedProxyConfig?(clusterName: string, index: number, resources: RecordedResource[]): Record<string, unknown> | null;
  /**
   * The tier Pgpool-II of proxy `index` runs with: `tier` plus what the provider adds where its proxies run (its
   * failover scripts as failover_command and follow_primary_command), nothing written. Optional: for `pgtopo render`.
   */
  pgpoolTier?(input: PgpoolTierInput): ProxyTierConfig;
  /** Optional: resolves `fromSecret` references (Kubernetes Secrets). */
  resolveSecret?(reference: SecretReference, scope: string): Promise<string>;
  /** Optional: what clients connect to, printed at the end of an apply and by `pgtopo output`. Never secrets. */
  outputs?(resources: RecordedResource[]): ProviderOutput[];
  /** Optional status hook: health and details of existing objects. */
  status?(objects: { address: string; type: string; object: ObservedObject }[], context: ProviderContext): Promise<ResourceStatus[]>;
}

/** One output: `dev.proxy[0]` → `postgresql://app@127.0.0.1:6432/postgres`, with what it is when that helps. */
export interface ProviderOutput {
  name: string;
  value: string;
  about?: string;
}

/** What `Provider.pgpoolTier` adds the provider's hooks to: proxy `index` of a cluster, and what state records. */
export interface PgpoolTierInput {
  topologyName: string;
  topologyDir: string;
  clusterName: string;
  index: number;
  tier: ProxyTierConfig;
  resources: RecordedResource[];
}

export function isSecretValue(value: unknown): value is SecretValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$secret' in value;
}

export function isResourceReference(value: unknown): value is ResourceReference {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$ref' in value && 'attribute' in value;
}

/** Providers keyed by the environment they serve; lets tests put the simulated provider behind any environment. */
export class ProviderRegistry {
  readonly #byEnvironment = new Map<string, Provider>();
  readonly #byName = new Map<string, Provider>();

  constructor(providers: Provider[]) {
    for (const provider of providers) this.add(provider);
  }

  add(provider: Provider, environments: readonly string[] = provider.environments): void {
    this.#byName.set(provider.name, provider);
    for (const environment of environments) this.#byEnvironment.set(environment, provider);
  }

  forEnvironment(environment: string): Provider | undefined {
    return this.#byEnvironment.get(environment);
  }

  byName(name: string): Provider | undefined {
    return this.#byName.get(name);
  }

  resourceType(providerName: string, typeName: string): ResourceType {
    const provider = this.#byName.get(providerName);
    const type = provider?.resourceTypes.find((candidate) => candidate.name === typeName);
    if (!type) throw new Error(`provider "${providerName}" has no resource type "${typeName}"`);
    return type;
  }
}
