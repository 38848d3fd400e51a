// State in an S3 object for CI runners, which share no disk. S3's conditional writes do the locking and guard the
// state: the lock object `<key>.lock` is created with `If-None-Match: *` (exactly one creator wins) and deleted with
// `If-Match` on its own ETag (only by its holder), and the state is replaced with `If-Match` on the ETag read just
// before, on top of the lineage/serial check, so two writers can never both win.
//
// The digest key for secrets is `<key>.key`, a separate object rather than a field of the state: a bucket policy
// can then let tools and people read the state and still deny them the key (or encrypt it with another KMS key),
// so that reading the state alone does not let anyone check a password guess. Every object is written with the
// bucket's default encryption (S3 encrypts every new object), or SSE-KMS with `state.kmsKeyId`.
//
// No endpoint in code: AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) steers the SDK to an S3-compatible store.
import {
  DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeLock, newLockInfo, StateLockedError, type LockInfo } from '../lock/lock-info.ts';
import { checkSerialFollows, type LockHandle, type LockOptions, type StateBackend } from './state-backend.ts';
import { DIGEST_KEY_BYTES, newDigestKey } from './secret-digest.ts';
import { parseState, serializeState, type State } from './state-format.ts';

const POLL_MS = 1_000;

export interface S3StateSettings {
  bucket: string;
  key: string;
  region?: string;
  kmsKeyId?: string;
  forcePathStyle?: boolean;
}

interface StoredObject {
  text: string;
  etag: string;
}

export class S3StateBackend implements StateBackend {
  readonly #s3: S3Client;
  readonly #settings: S3StateSettings;
  readonly #topology: string;
  #held: { info: LockInfo; etag: string } | null = null;
  /** The state object as this run last read or wrote it: a write that follows it needs no read first. */
  #known: { serial: number; lineage: string; etag: string } | null = null;

  constructor(settings: S3StateSettings, topology: string, client?: S3Client) {
    this.#settings = settings;
    this.#topology = topology;
    this.#s3 = client ?? new S3Client({ region: settings.region, forcePathStyle: settings.forcePathStyle ?? false });
  }

  describe(): string {
    return `s3://${this.#settings.bucket}/${this.#settings.key}`;
  }

  async read(): Promise<State | null> {
    const stored = await this.#get(this.#settings.key, 'read the state');
    const state = stored ? parseState(stored.text, this.describe()) : null;
    this.#known = stored && state ? { serial: state.serial, lineage: state.lineage, etag: stored.etag } : null;
    return state;
  }

  async write(state: State): Promise<void> {
    if (!this.#held) throw new Error(`${this.describe()}: writing state without holding the lock`);
    // If-Match on the ETag of the version this write follows: whoever wrote since, this write fails.
    const follows = this.#known && this.#known.serial === state.serial - 1 && this.#known.lineage === state.lineage;
    const etag = follows ? this.#known!.etag : await this.#checkedEtag(state);
    const condition = etag ? { IfMatch: etag } : { IfNoneMatch: '*' };
    try {
      const put = await this.#s3.send(new PutObjectCommand(this.#put(this.#settings.key, serializeState(state), condition)));
      this.#known = put.ETag ? { serial: state.serial, lineage: state.lineage, etag: put.ETag } : null;
    } catch (error) {
      this.#known = null;
      if (!isPreconditionFailed(error)) throw this.#failure('write the state', error);
      throw new Error(`${this.describe()}: the state changed between reading and writing serial ${state.serial}; another run wrote it, and nothing was overwritten`);
    }
  }

  /** Reads the stored state, checks that `state` follows it, and returns its ETag (null: there is none yet). */
  async #checkedEtag(state: State): Promise<string | null> {
    const stored = await this.#get(this.#settings.key, 'read the state');
    checkSerialFollows(stored ? parseState(stored.text, this.describe()) : null, state, this.describe());
    return stored?.etag ?? null;
  }

  async digestKey(): Promise<Buffer> {
    const path = `${this.#settings.key}.key`;
    const stored = await this.#get(path, 'read the digest key') ?? await this.#createDigestKey(path);
    const key = Buffer.from(stored.text.trim(), 'hex');
    if (key.length !== DIGEST_KEY_BYTES) {
      throw new Error(`s3://${this.#settings.bucket}/${path}: not a pgtopo digest key; restore it (an earlier version, with bucket versioning), or delete it (every secret then shows as changed once)`);
    }
    return key;
  }

  async lock(options: LockOptions): Promise<LockHandle> {
    const info = newLockInfo(options.operation, this.#topology);
    const deadline = Date.now() + options.timeoutMs;
    let told = false;
    for (;;) {
      const etag = await this.#tryCreateLock(info);
      if (etag) {
        this.#held = { info, etag };
        return { info, release: () => this.#release(info, etag) };
      }
      const holder = (await this.#readLockObject())?.info;
      if (Date.now() >= deadline) throw new StateLockedError(holder, this.describe());
      if (!told) options.notice?.(`waiting for the state lock: ${holder ? describeLock(holder) : 'holder unknown'}`);
      told = true;
      await sleep(POLL_MS);
    }
  }

  async readLock(): Promise<LockInfo | null> {
    return (await this.#readLockObject())?.info ?? null;
  }

  async forceUnlock(id: string): Promise<LockInfo> {
    const lock = await this.#readLockObject();
    if (!lock) throw new Error(`${this.describe()}: no lock recorded for ${this.#topology}`);
    if (lock.info.id !== id) throw new Error(`lock id mismatch: the current lock is ${lock.info.id}, not ${id} (${describeLock(lock.info)})`);
    const deleted = await this.#deleteLock(lock.etag, lock.info.id);
    if (!deleted) throw new Error(`${this.describe()}: the lock changed while releasing it; run pgtopo force-unlock again with the id it names now`);
    return lock.info;
  }

  async close(): Promise<void> {
    if (this.#held) await this.#release(this.#held.info, this.#held.etag);
    this.#s3.destroy();
  }

  /** The new lock object's ETag, or null when another run holds the lock (or is creating it at this moment). */
  async #tryCreateLock(info: LockInfo): Promise<string | null> {
    try {
      const put = await this.#s3.send(new PutObjectCommand(this.#put(this.#lockKey(), JSON.stringify(info), { IfNoneMatch: '*' })));
      return put.ETag ?? (await this.#readLockObject())?.etag ?? null;
    } catch (error) {
      if (isPreconditionFailed(error) || isConditionalConflict(error)) return null;
      throw this.#failure('create the lock object', error);
    }
  }

  async #release(info: LockInfo, etag: string): Promise<void> {
    if (this.#held?.info.id === info.id) this.#held = null;
    // False when the lock is no longer ours (force-unlocked, maybe taken by another run): theirs stays.
    await this.#deleteLock(etag, info.id);
  }

  /** Deletes the lock object only while it is still the one with `etag` (and lock id `id`). */
  async #deleteLock(etag: string, id: string): Promise<boolean> {
    try {
      await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#settings.bucket, Key: this.#lockKey(), IfMatch: etag }));
      return true;
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return false;
      if (!isNotImplemented(error)) throw this.#failure('delete the lock object', error);
    }
    // Stores without conditional deletes: read, check it is still that lock, delete (a small race remains there).
    const current = await this.#readLockObject();
    if (current?.info.id !== id) return false;
    try {
      await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#settings.bucket, Key: this.#lockKey() }));
    } catch (error) {
      throw this.#failure('delete the lock object', error);
    }
    return true;
  }

  async #readLockObject(): Promise<{ info: LockInfo; etag: string } | null> {
    const stored = await this.#get(this.#lockKey(), 'read the lock object');
    if (!stored) return null;
    try {
      return { info: JSON.parse(stored.text) as LockInfo, etag: stored.etag };
    } catch {
      throw new Error(`s3://${this.#settings.bucket}/${this.#lockKey()}: not a pgtopo lock object; delete it if no run holds the lock`);
    }
  }

  /** Created only if absent, so two first runs agree on one key. */
  async #createDigestKey(path: string): Promise<StoredObject> {
    try {
      await this.#s3.send(new PutObjectCommand(this.#put(path, `${newDigestKey().toString('hex')}\n`, { IfNoneMatch: '*' })));
    } catch (error) {
      if (!isPreconditionFailed(error) && !isConditionalConflict(error)) throw this.#failure('create the digest key', error);
    }
    const stored = await this.#get(path, 'read the digest key');
    if (!stored) throw new Error(`s3://${this.#settings.bucket}/${path}: the digest key vanished right after it was written`);
    return stored;
  }

  async #get(key: string, what: string): Promise<StoredObject | null> {
    try {
      const got = await this.#s3.send(new GetObjectCommand({ Bucket: this.#settings.bucket, Key: key }));
      return { text: await got.Body!.transformToString('utf8'), etag: got.ETag ?? '' };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw this.#failure(what, error);
    }
  }

  #put(key: string, body: string, condition: { IfMatch?: string; IfNoneMatch?: string }): PutObjectCommandInput {
    const { bucket, kmsKeyId } = this.#settings;
    const encryption = kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: kmsKeyId } : {};
    return { Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', ...encryption, ...condition };
  }

  #failure(what: string, error: unknown): Error {
    const { name, message } = error as Error;
    return new Error(`${this.describe()}: cannot ${what}: ${name}: ${message}`);
  }

  #lockKey(): string {
    return `${this.#settings.key}.lock`;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isPreconditionFailed(error: unknown): boolean {
  return statusOf(error) === 412 || (error as Error).name === 'PreconditionFailed';
}

/** S3's 409 when another conditional write to the same key is in flight: the other writer is winning. */
function isConditionalConflict(error: unknown): boolean {
  return statusOf(error) === 409 || (error as Error).name === 'ConditionalRequestConflict';
}

/** The object is absent; a missing bucket is an error, not an empty state. */
function isNotFound(error: unknown): boolean {
  const { name } = error as Error;
  return name === 'NoSuchKey' || (statusOf(error) === 404 && name !== 'NoSuchBucket');
}

function isNotImplemented(error: unknown): boolean {
  return statusOf(error) === 501 || (error as Error).name === 'NotImplemented';
}
