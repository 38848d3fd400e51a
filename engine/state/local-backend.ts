// State in a JSON file beside the topology (default `.pgtopo/state.json`), locked by `<file>.lock`.
// Writes are atomic: temp file, fsync, copy the old file to `.backup`, rename over, fsync the directory.
// The digest key for secrets lives in `<file>.key` (0600), never in the state file itself.
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { readFailure } from '../output/read-failure.ts';
import { acquireFileLock, forceUnlockFile, readFileLock } from '../lock/file-lock.ts';
import type { LockInfo } from '../lock/lock-info.ts';
import { checkSerialFollows, type LockHandle, type LockOptions, type StateBackend } from './state-backend.ts';
import { DIGEST_KEY_BYTES, newDigestKey } from './secret-digest.ts';
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

  async digestKey(): Promise<Buffer> {
    const path = `${this.path}.key`;
    if (!existsSync(path)) createKeyFile(path);
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length !== DIGEST_KEY_BYTES) {
      throw new Error(`${path}: not a pgtopo digest key; restore it, or delete it (every secret then shows as changed once)`);
    }
    return key;
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

/** Written aside and linked into place: a plan and an apply starting together agree on one key. */
function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp-${process.pid}`;
  writeDurably(temporary, `${newDigestKey().toString('hex')}\n`);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  fsyncPath(dirname(path));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
