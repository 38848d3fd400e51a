// The one thing a watchdog member must not forget over a restart: the highest term it has seen and whom it voted
// for in it. A member that forgot could vote a second time in one term and so give two candidates a majority each
// (Raft keeps currentTerm and votedFor on stable storage for the same reason). The file is replaced atomically —
// written beside it, fsynced, renamed over it, the directory fsynced — so a crash leaves the old record or the new
// one, never half of either, and a vote is on disk before the datagram granting it is sent.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TermRecord {
  term: number;
  /** The member this member voted for (or followed) in `term`; null: none yet. */
  votedFor: number | null;
}

export interface TermStore {
  load(): TermRecord;
  save(record: TermRecord): void;
}

export const TERM_FILE = 'watchdog-term.json';

export class TermStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TermStoreError';
  }
}

export class FileTermStore implements TermStore {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, TERM_FILE);
  }

  /** No file yet: term 0, no vote (a member's first start). */
  load(): TermRecord {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { term: 0, votedFor: null };
      throw new TermStoreError(`watchdog: cannot read ${this.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const record = parsedRecord(text);
    // Starting from term 0 after losing the file is exactly the double vote this file exists to prevent.
    if (!record) throw new TermStoreError(`watchdog: ${this.path} is not a term record; move it away only if no member is in an election`);
    return record;
  }

  save(record: TermRecord): void {
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = openSync(temporary, 'w', 0o600);
    try {
      writeSync(file, JSON.stringify(record));
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    renameSync(temporary, this.path);
    const directory = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(directory);
    } finally {
      closeSync(directory);
    }
  }
}

function parsedRecord(text: string): TermRecord | null {
  try {
    const value = JSON.parse(text) as { term?: unknown; votedFor?: unknown } | null;
    const { term, votedFor } = value ?? {};
    const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    return isIndex(term) && (votedFor === null || isIndex(votedFor)) ? { term, votedFor } : null;
  } catch {
    return null;
  }
}
