// What the engine decided a cluster's proxy tier gets (engine/features computes it from the topology and the
// environment's feature matrix). The engine passes it to providers, which hand it to the proxy-tier renderers:
// the type lives here so neither providers nor the proxy tier import the engine.
import type { Cluster } from '../schemas/topology.ts';

export type Environment = Cluster['environment'];

/** A backend as the proxy sees it, before any runtime discovery. */
export interface BackendNodeSpec {
  name: string;
  /** Known role: managed endpoints have fixed roles; self-managed nodes are detected with pg_is_in_recovery(). */
  role: 'writer' | 'reader' | 'detect';
  alwaysPrimary: boolean;
  disallowFailover: boolean;
  /** Weight the environment suggests (a Kubernetes reader weighs as many replicas as its Service spreads over). */
  defaultWeight: number;
}

/** A resolved setting and where it came from, so `pgtopo features` can explain every value. */
export interface Feature<T = string | number | boolean> {
  value: T;
  source: 'default' | 'environment' | 'explicit' | 'derived';
  why: string;
}

export interface EffectiveBackend extends BackendNodeSpec {
  weight: number;
  /** Pgpool-II's backend_flag spelling, shared by both engines' renderers. */
  flags: string[];
}

export interface EffectiveFeatures {
  cluster: string;
  environment: Environment;
  engine: Feature<'builtin' | 'pgpool2'>;
  proxyInstances: Feature<number>;
  failover: Feature<boolean>;
  healthCheck: Feature<boolean>;
  failoverOnBackendError: Feature<boolean>;
  replicationCheck: Feature<boolean>;
  primaryDetection: Feature<boolean>;
  proxyHa: Feature<'watchdog' | 'nlb-autoscaling' | 'none'>;
  vip: Feature<string>;
  loadBalancing: Feature<boolean>;
  pooling: Feature<'transaction' | 'session' | 'off'>;
  failoverCoordinator: Feature<string>;
  /** Null when the nodes are discovered at plan time (EC2 tag discovery). */
  backends: EffectiveBackend[] | null;
}

