// vitest globalSetup: one Node compile cache (NODE_COMPILE_CACHE) for the whole run, inherited by the test workers
// and every process they start. Each `bin/pgtopo` a test spawns otherwise strips the types of and compiles the same
// few hundred modules again (about half a second of CPU each time, and the suite spawns it hundreds of times). The
// directory is private to this run (mkdtemp, mode 0700), so no other user can plant compiled code in it; processes
// running as the database user cannot use it and run uncached, as they would without it. Removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  if (process.env.NODE_COMPILE_CACHE) return () => undefined; // the caller chose a cache: keep it
  const dir = mkdtempSync(join(tmpdir(), 'pgtopo-compile-cache-'));
  process.env.NODE_COMPILE_CACHE = dir;
  return () => {
    delete process.env.NODE_COMPILE_CACHE;
    rmSync(dir, { recursive: true, force: true });
  };
}
