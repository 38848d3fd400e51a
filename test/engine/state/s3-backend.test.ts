// The S3 state backend on aws-sdk-client-mock, against a bucket that enforces S3's conditional writes: the lock is
// won by one run only and released by its holder only, a stale lock is cleared by force-unlock, and a state write
// that lost a race fails without losing the winner's state.
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateLockedError } from '../../../engine/lock/lock-info.ts';
import { S3StateBackend, type S3StateSettings } from '../../../engine/state/s3-backend.ts';
import { emptyState, type State } from '../../../engine/state/state-format.ts';
import { S3BucketWorld } from './s3-bucket-world.ts';

const settings: S3StateSettings = { bucket: 'team-state', key: 'pgtopo/shop.json', region: 'eu-west-1' };
const stub = mockClient(S3Client);
let bucket: S3BucketWorld;
const opened: S3StateBackend[] = [];

beforeEach(() => {
  stub.reset();
  bucket = new S3BucketWorld('team-state');
  bucket.install(stub);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.close()));
});

function backend(overrides: Partial<S3StateSettings> = {}): S3StateBackend {
  const opening = new S3StateBackend({ ...settings, ...overrides }, 'shop');
  opened.push(opening);
  return opening;
}

function next(state: State): State {
  return { ...state, serial: state.serial + 1 };
}

const lockOptions = { operation: 'apply', timeoutMs: 0 };

describe('the s3 state backend', () => {
  it('writes state under the lock with lineage and serial checks, and keeps the digest key in its own object', async () => {
    const run = backend();
    expect(await run.read()).toBeNull();
    const lock = await run.lock(lockOptions);
    const first = next(emptyState('shop'));
    await run.write(first);
    await run.write(next(first));
    await expect(run.write(next(first))).rejects.toThrow(/serial conflict \(stored 2, writing 2\)/);
    await expect(run.write({ ...next(next(first)), lineage: 'other' })).rejects.toThrow(/lineage changed/);
    const key = await run.digestKey();
    await lock.release();

    expect((await run.read())?.serial).toBe(2);
    expect(await backend().digestKey()).toEqual(key);
    expect(bucket.objects.get('pgtopo/shop.json')!.body).not.toContain(key.toString('hex'));
    expect(bucket.objects.get('pgtopo/shop.json.key')!.body.trim()).toBe(key.toString('hex'));
    expect(bucket.objects.has('pgtopo/shop.json.lock')).toBe(false);
    await expect(run.write(next(next(first)))).rejects.toThrow(/without holding the lock/);
  });

  it('lets exactly one of two runs racing for the lock win, and tells the other who holds it', async () => {
    const [one, two] = [backend(), backend()];
    const outcomes = await Promise.allSettled([one.lock(lockOptions), two.lock(lockOptions)]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const holder = won[0]!.value.info;
    const error = lost[0]!.reason as StateLockedError;
    expect(error).toBeInstanceOf(StateLockedError);
    expect(error.info?.id).toBe(holder.id);
    expect(error.message).toContain(`state is locked: lock ${holder.id} held by ${holder.holder}@${holder.host}`);
    expect(error.message).toContain('for "apply"');
    expect(error.message).toContain(`pgtopo force-unlock ${holder.id}`);
    expect(JSON.parse(bucket.objects.get('pgtopo/shop.json.lock')!.body)).toMatchObject({ id: holder.id, operation: 'apply', created: holder.created });
  });

  it('waits for a lock until its holder releases it when given a lock timeout', async () => {
    const [holder, waiter] = [backend(), backend()];
    const held = await holder.lock(lockOptions);
    const notices: string[] = [];
    const waiting = waiter.lock({ operation: 'destroy', timeoutMs: 60_000, notice: (message) => notices.push(message) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await held.release();
    const got = await waiting;
    expect(notices[0]).toContain(`waiting for the state lock: lock ${held.info.id}`);
    expect(JSON.parse(bucket.objects.get('pgtopo/shop.json.lock')!.body).id).toBe(got.info.id);
  });

  it('clears a stale lock with force-unlock, and the stale holder cannot then release the new one', async () => {
    const gone = backend();
    const stale = await gone.lock(lockOptions); // its run died without releasing
    const next = backend();
    await expect(next.lock(lockOptions)).rejects.toThrow(StateLockedError);
    await expect(next.forceUnlock('not-the-id')).rejects.toThrow(new RegExp(`the current lock is ${stale.info.id}, not not-the-id`));
    expect((await next.forceUnlock(stale.info.id)).id).toBe(stale.info.id);
    const fresh = await next.lock(lockOptions);

    await stale.release(); // the stale run wakes up: If-Match on its own ETag leaves the new lock alone
    expect(bucket.calls).toContain('DELETE pgtopo/shop.json.lock 412');
    expect(JSON.parse(bucket.objects.get('pgtopo/shop.json.lock')!.body).id).toBe(fresh.info.id);
    await expect(backend().forceUnlock(stale.info.id)).rejects.toThrow(/lock id mismatch/);
    await fresh.release();
    await expect(next.forceUnlock(fresh.info.id)).rejects.toThrow(/no lock recorded/);
  });

  it('releases only its own lock on a store without conditional deletes, by reading it first', async () => {
    bucket.conditionalDeletes = false;
    const gone = backend();
    const stale = await gone.lock(lockOptions);
    const next = backend();
    await next.forceUnlock(stale.info.id);
    const fresh = await next.lock(lockOptions);
    await stale.release();
    expect(JSON.parse(bucket.objects.get('pgtopo/shop.json.lock')!.body).id).toBe(fresh.info.id);
    await fresh.release();
    expect(bucket.objects.has('pgtopo/shop.json.lock')).toBe(false);
    expect(bucket.calls.filter((call) => call.startsWith('DELETE'))).toEqual([
      'DELETE pgtopo/shop.json.lock 501', 'DELETE pgtopo/shop.json.lock', // force-unlock
      'DELETE pgtopo/shop.json.lock 501', // the stale holder: someone else's lock now, left alone
      'DELETE pgtopo/shop.json.lock 501', 'DELETE pgtopo/shop.json.lock', // the fresh holder's own release
    ]);
  });

  it('refuses a state write when another writer replaced the object between its read and its write, losing nothing', async () => {
    const run = backend();
    await run.lock(lockOptions);
    const first = next(emptyState('shop'));
    await run.write(first);
    // A run that lost its lock (force-unlocked) writes serial 2 after our GET and before our PUT.
    const theirs = JSON.stringify({ ...next(first), resources: [{ address: 'theirs' }] });
    bucket.beforePut = (key) => {
      bucket.beforePut = undefined;
      if (key === 'pgtopo/shop.json') bucket.objects.set(key, { body: theirs, etag: '"theirs"' });
    };
    await expect(run.write(next(first))).rejects.toThrow(/the state changed between reading and writing serial 2; another run wrote it, and nothing was overwritten/);
    expect(bucket.objects.get('pgtopo/shop.json')!.body).toBe(theirs);
    expect(bucket.calls).toContain('PUT pgtopo/shop.json 412');
  });

  it('writes a state that follows its own last write without reading first, and still loses to a writer in between', async () => {
    const run = backend();
    await run.lock(lockOptions);
    const first = next(emptyState('shop'));
    await run.write(first);
    bucket.calls.length = 0;
    await run.write(next(first));
    expect(bucket.calls).toEqual(['PUT pgtopo/shop.json']);
    const theirs = JSON.stringify(next(next(first)));
    bucket.objects.set('pgtopo/shop.json', { body: theirs, etag: '"theirs"' }); // a run that lost its lock
    await expect(run.write(next(next(first)))).rejects.toThrow(/another run wrote it, and nothing was overwritten/);
    expect(bucket.objects.get('pgtopo/shop.json')!.body).toBe(theirs);
  });

  it('creates the first state only if none exists', async () => {
    const run = backend();
    await run.lock(lockOptions);
    bucket.beforePut = (key) => {
      bucket.beforePut = undefined;
      if (key === 'pgtopo/shop.json') bucket.objects.set(key, { body: JSON.stringify(next(emptyState('shop'))), etag: '"first"' });
    };
    await expect(run.write(next(emptyState('shop')))).rejects.toThrow(/another run wrote it/);
    expect(bucket.objects.get('pgtopo/shop.json')!.etag).toBe('"first"');
  });

  it('encrypts every object with the KMS key it is given', async () => {
    const run = backend({ kmsKeyId: 'alias/pgtopo-state' });
    const lock = await run.lock(lockOptions);
    await run.write(next(emptyState('shop')));
    await run.digestKey();
    await lock.release();
    expect([...bucket.objects.values()].map((object) => object.encryption)).toEqual(['aws:kms alias/pgtopo-state', 'aws:kms alias/pgtopo-state']);
  });

  it('reports a missing bucket instead of taking it for an empty state', async () => {
    await expect(backend({ bucket: 'no-such-bucket' }).read()).rejects.toThrow(/s3:\/\/no-such-bucket\/pgtopo\/shop.json: cannot read the state: NoSuchBucket/);
  });
});
