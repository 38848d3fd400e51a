// The simulated provider's "world": a JSON file, so a separate process (a test, a killed child apply) sees the
// same reality. It counts calls per type and operation and holds injected faults. Every mutation is a
// read-modify-write done synchronously and published by rename, so a kill -9 never leaves a torn file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AttributeValue } from '../provider.ts';

export interface WorldObject {
  id: string;
  name: string;
  scope: string;
  attributes: Record<string, AttributeValue>;
}

export type WorldOperation = 'read' | 'create' | 'update' | 'delete';

/** An injected fault: matching operations wait `delayMs`, then fail with `error` while `remaining` > 0 (or always). */
export interface WorldFault {
  operation: WorldOperation;
  type?: string;
  /** Matches object names containing this text. */
  name?: string;
  error?: string;
  delayMs?: number;
  /** How many more times it fires; absent = forever. */
  remaining?: number;
}

export interface WorldDocument {
  nextId: number;
  objects: Record<string, WorldObject[]>;
  calls: Record<string, number>;
  faults: WorldFault[];
  /** Names of objects the status hook reports unhealthy. */
  unhealthy: string[];
}

export function emptyWorld(): WorldDocument {
  return { nextId: 1, objects: {}, calls: {}, faults: [], unhealthy: [] };
}

export class World {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  load(): WorldDocument {
    if (!existsSync(this.path)) return emptyWorld();
    return { ...emptyWorld(), ...(JSON.parse(readFileSync(this.path, 'utf8')) as Partial<WorldDocument>) };
  }

  /** Applies `change` to the current document and publishes it atomically; returns what `change` returned. */
  mutate<T>(change: (world: WorldDocument) => T): T {
    const world = this.load();
    const result = change(world);
    const temporary = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temporary, JSON.stringify(world));
    renameSync(temporary, this.path);
    return result;
  }

  objectsOf(type: string): WorldObject[] {
    return this.load().objects[type] ?? [];
  }

  /** Changes an object behind pgtopo's back (for drift tests). */
  changeOutOfBand(type: string, name: string, attributes: Record<string, AttributeValue>): void {
    this.mutate((world) => {
      const object = (world.objects[type] ?? []).find((candidate) => candidate.name === name);
      if (!object) throw new Error(`no ${type} named ${name} in the world`);
      object.attributes = { ...object.attributes, ...attributes };
    });
  }

  deleteOutOfBand(type: string, name: string): void {
    this.mutate((world) => {
      world.objects[type] = (world.objects[type] ?? []).filter((candidate) => candidate.name !== name);
    });
  }

  addFault(fault: WorldFault): void {
    this.mutate((world) => void world.faults.push(fault));
  }

  clearFaults(): void {
    this.mutate((world) => void (world.faults = []));
  }

  calls(): Record<string, number> {
    return this.load().calls;
  }
}

/** Counts the call and returns the fault that applies to it, consuming one firing. */
export function takeFault(world: WorldDocument, operation: WorldOperation, type: string, name: string): WorldFault | undefined {
  const key = `${type}.${operation}`;
  world.calls[key] = (world.calls[key] ?? 0) + 1;
  const fault = world.faults.find((candidate) =>
    candidate.operation === operation &&
    (candidate.type === undefined || candidate.type === type) &&
    (candidate.name === undefined || name.includes(candidate.name)) &&
    (candidate.remaining === undefined || candidate.remaining > 0));
  if (fault?.remaining !== undefined) fault.remaining -= 1;
  return fault ? { ...fault } : undefined;
}
