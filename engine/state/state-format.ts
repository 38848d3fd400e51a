// The state file format: what pgtopo created, with ids, attributes and dependencies. Versioned so later releases
// can migrate it; `lineage` identifies one state's history and `serial` counts its writes.
import { randomUUID } from 'node:crypto';
import type { AttributeValue } from '../../providers/provider.ts';

export const STATE_FORMAT_VERSION = 1;

export interface StateResource {
  address: string;
  provider: string;
  type: string;
  /** Deterministic name in the world (see DesiredResource.name). */
  name: string;
  scope: string;
  id: string;
  /** Observed attributes; sensitive ones are `{ $sensitive: { reference, hmac } }` only. */
  attributes: Record<string, AttributeValue>;
  dependencies: string[];
}

/** Written before a create starts; resolved on the next run if the process died before recording the result. */
export interface PendingCreate {
  address: string;
  provider: string;
  type: string;
  name: string;
  scope: string;
  dependencies: string[];
  started: string;
}

/** Pull mode: the commit of the followed git repository that was applied last (no credentials of its URL). */
export interface AppliedSource {
  repository: string;
  ref: string;
  path: string;
  commit: string;
  /** When it was recorded (ISO 8601). */
  applied: string;
}

export interface State {
  format_version: number;
  lineage: string;
  serial: number;
  topology: string;
  resources: StateResource[];
  pending: PendingCreate[];
  source?: AppliedSource;
}

export function emptyState(topology: string): State {
  return { format_version: STATE_FORMAT_VERSION, lineage: randomUUID(), serial: 0, topology, resources: [], pending: [] };
}

/** Parses and checks a state document; `origin` names where it came from in error messages. */
export function parseState(text: string, origin: string): State {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`${origin}: state is not valid JSON (${(error as Error).message}); restore it from the .backup copy`);
  }
  const state = document as Partial<State>;
  if (typeof state !== 'object' || state === null || typeof state.format_version !== 'number') {
    throw new Error(`${origin}: not a pgtopo state (no format_version)`);
  }
  if (state.format_version > STATE_FORMAT_VERSION) {
    throw new Error(`${origin}: state format ${state.format_version} is newer than this pgtopo understands (${STATE_FORMAT_VERSION}); upgrade pgtopo`);
  }
  if (typeof state.lineage !== 'string' || typeof state.serial !== 'number' || !Array.isArray(state.resources)) {
    throw new Error(`${origin}: state is missing lineage, serial or resources`);
  }
  return { ...state, pending: state.pending ?? [], topology: state.topology ?? '' } as State;
}

/** The one order of resources in state (by code point, not locale: `x[0]` and `x_y` must sort alike everywhere). */
export function byAddress(a: { address: string }, b: { address: string }): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

/** Resources are written sorted by address, so state files diff well in review. */
export function serializeState(state: State): string {
  const resources = [...state.resources].sort(byAddress);
  return `${JSON.stringify({ ...state, resources }, null, 2)}\n`;
}

export function findResource(state: State, address: string): StateResource | undefined {
  return state.resources.find((resource) => resource.address === address);
}

/** Returns a copy with `resource` put in place of any entry with the same address. */
export function withResource(state: State, resource: StateResource): State {
  const resources = state.resources.filter((existing) => existing.address !== resource.address);
  resources.push(resource);
  return { ...state, resources };
}

export function withoutResource(state: State, address: string): State {
  return { ...state, resources: state.resources.filter((resource) => resource.address !== address) };
}
