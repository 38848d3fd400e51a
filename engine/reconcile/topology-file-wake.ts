// The watch loop's wait between runs, cut short when the topology file changes. A level-triggered loop needs no
// events to be correct, but without one a fix to the file waited out the interval (30 s by default) or, after a
// run that failed on the broken file, a backoff of up to 5 minutes. The directory is watched rather than the file:
// editors and `git checkout` replace the file by renaming another over it, which a watch on the file misses.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Lets an editor finish writing before the run reads the file: a half-written file would fail and back off. */
const SETTLE_MS = 200;

/** What tells one version of the file from the next without reading it (a rename gives a new inode). */
export function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/**
 * Resolves after `ms`, when `signal` aborts, or shortly after `file` changes, whichever comes first: true for a
 * change. `since` is the stamp taken before the last run read the file: an edit during that run counts too.
 */
export function waitOrTopologyChange(file: string, ms: number, signal: AbortSignal, since: string): Promise<boolean> {
  if (fileStamp(file) !== since) return Promise.resolve(true);
  return new Promise((resolve) => {
    let watcher: FSWatcher | undefined;
    let settle: NodeJS.Timeout | undefined;
    const finish = (changed: boolean): void => {
      clearTimeout(timer);
      clearTimeout(settle);
      watcher?.close();
      signal.removeEventListener('abort', aborted);
      resolve(changed);
    };
    const aborted = (): void => finish(false);
    const timer = setTimeout(() => finish(false), ms);
    signal.addEventListener('abort', aborted, { once: true });
    if (signal.aborted) return finish(false);
    try {
      watcher = watch(dirname(file), (_event, name) => {
        if (name !== basename(file)) return;
        clearTimeout(settle);
        settle = setTimeout(() => finish(true), SETTLE_MS);
      });
      watcher.on('error', () => watcher?.close()); // the directory went away: the interval still ends the wait
    } catch {
      // Nothing to watch (no such directory, no inotify left): the interval alone ends the wait.
    }
  });
}
