// What pgpool-files tags on its own instance (serving, watchdog-joined) it tags once per Pgpool-II start: a marker
// in the run directory, which systemd empties when Pgpool-II stops, says it is done.
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether `marker` in `runDir` says this tag was put since Pgpool-II started. */
export function taggedBefore(runDir: string, marker: string): Promise<boolean> {
  return access(join(runDir, marker)).then(() => true, () => false);
}

/** Puts `key` with `tag` and records it in `runDir`; returns the instance id. */
export async function tagAndMark(runDir: string, marker: string, key: string, tag: (key: string, value: string) => Promise<string>): Promise<string> {
  const instance = await tag(key, new Date().toISOString());
  await writeFile(join(runDir, marker), `${instance}\n`);
  return instance;
}
