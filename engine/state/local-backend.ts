// State in a JSON file beside the topology (default `.pgtopo/state.json`), locked by `<file>.lock`.
// Writes are atomic: temp file, fsync, copy the old file to `.backup`, rename over, fsync the directory.
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { readFailure } from '../output/read-failure.ts';
import { acquireFileLock, forceUnlockFile, readFileLock } from '../lock/file-lock.ts';
import type { LockInfo } from '../lock/lock-info.ts';
import { checkSerialFollows, type LockHandle, type LockOptions, type StateBackend } from './state-backend.ts';
import { parseState, serializeState, type State } from './state-format.ts';

export class LocalStateBackend implements StateBackend {
  readonly path: string;
  readonly #topology: string;

  constructor(path: string, topology: string) {
    this.path = path;
    this.#topology = topology;
  }

  describe(): string {
    return `local file ${relative(process.cwd(), this.path) || this.path}`;
  }

  async read(): Promise<State | null> {
    if (!existsSync(this.path)) return null;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the state file ${this.path}: ${readFailure(error)}; state.path must name a file`);
    }
    return parseState(text, this.path);
  }

  async write(state: State): Promise<void> {
    checkSerialFollows(await this.read(), state, this.path);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.tmp-${process.pid}`;
    writeDurably(temporary, serializeState(state));
    if (existsSync(this.path)) {
      copyFileSync(this.path, `${this.path}.backup`);
      chmodSync(`${this.path}.backup`, 0o600);
      fsyncPath(`${this.path}.backup`);
    }
    renameSync(temporary, this.path);
    fsyncPath(dirname(this.path));
  }

  async lock(options: LockOptions): Promise<LockHandle> {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    return acquireFileLock(this.#lockPath(), this.#topology, options);
  }

  async readLock(): Promise<LockInfo | null> {
    return readFileLock(this.#lockPath());
  }

  async forceUnlock(id: string): Promise<LockInfo> {
    return forceUnlockFile(this.#lockPath(), id);
  }

  async close(): Promise<void> {}

  #lockPath(): string {
    return `${this.path}.lock`;
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
