// The simulated provider's "world": a JSON file, so a separate process (a test, a killed child apply) sees the
// same reality. It counts calls per type and operation and holds injected faults. Every mutation is a
// read-modify-write under a lock file (processes share the world) published by rename, so a kill -9 never leaves
// a torn file, and a lock left by a killed process is broken when its pid is gone.
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import type { AttributeValue } from '../provider.ts';

export interface WorldObject {
  id: string;
  name: string;
  scope: string;
  attributes: Record<string, AttributeValue>;
}

export type WorldOperation = 'read' | 'create' | 'update' | 'delete';

/**
 * An injected fault: matching operations wait `delayMs`, then as long as the file `holdWhile` exists, then fail with
 * `error`, while `remaining` > 0 (or always).
 */
export interface WorldFault {
  operation: WorldOperation;
  type?: string;
  /** Matches object names containing this text. */
  name?: string;
  error?: string;
  delayMs?: number;
  /** A file: while it exists the operation waits, so a test holds an apply mid-flight for exactly as long as it needs. */
  holdWhile?: string;
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
    const lock = `${this.path}.lock`;
    takeLock(lock);
    try {
      const world = this.load();
      const result = change(world);
      const temporary = `${this.path}.tmp-${process.pid}`;
      writeFileSync(temporary, JSON.stringify(world));
      renameSync(temporary, this.path);
      return result;
    } finally {
      unlinkSync(lock);
    }
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

const pause = new Int32Array(new SharedArrayBuffer(4));

function takeLock(path: string): void {
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    breakIfHolderDied(path);
    Atomics.wait(pause, 0, 0, 1); // the holder only does a short synchronous write
  }
}

function breakIfHolderDied(path: string): void {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    // Killed between creating the file and writing its pid: an empty lock that stays empty.
    if (!Number.isInteger(pid) || pid <= 0) {
      if (Date.now() - statSync(path).mtimeMs > 1000) unlinkSync(path);
      return;
    }
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
      try {
        unlinkSync(path);
      } catch {
        // another process broke it first
      }
    }
  }
}
