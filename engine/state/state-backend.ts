// Where state lives and how it is locked. Every command that changes state holds the lock for its whole run.
import type { LockInfo } from '../lock/lock-info.ts';
import type { State } from './state-format.ts';

export interface LockOptions {
  operation: string;
  /** How long to wait for a lock held by someone else; 0 fails at once with the holder's details. */
  timeoutMs: number;
  /** Told once when the lock is busy and we start waiting, and when a dead holder's lock is taken over. */
  notice?: (message: string) => void;
}

export interface LockHandle {
  info: LockInfo;
  release(): Promise<void>;
}

export interface StateBackend {
  /** Human description for messages: `local file .pgtopo/state.json`. */
  describe(): string;
  /** The stored state, or null when none has been written yet. */
  read(): Promise<State | null>;
  /**
   * The key secrets in state are digested with (engine/state/secret-digest.ts), created on first use. It is kept
   * apart from the state, so that reading the state alone does not let anyone check a password guess.
   */
  digestKey(): Promise<Buffer>;
  /** Replaces the stored state; callers hold the lock. Rejects a write whose serial does not follow the stored one. */
  write(state: State): Promise<void>;
  lock(options: LockOptions): Promise<LockHandle>;
  /** The current lock holder, if any. */
  readLock(): Promise<LockInfo | null>;
  /** Releases a lock held by a run that is gone. Refuses when `id` is not the current lock. */
  forceUnlock(id: string): Promise<LockInfo>;
  close(): Promise<void>;
}

/** A write's serial must be exactly one past the stored serial: anything else means someone else wrote. */
export function checkSerialFollows(stored: State | null, next: State, where: string): void {
  const expected = (stored?.serial ?? 0) + 1;
  if (stored && stored.lineage !== next.lineage) {
    throw new Error(`${where}: state lineage changed under us (stored ${stored.lineage}, writing ${next.lineage}); refusing to overwrite`);
  }
  if (next.serial !== expected) {
    throw new Error(`${where}: state serial conflict (stored ${stored?.serial ?? 0}, writing ${next.serial}); another run wrote the state`);
  }
}
