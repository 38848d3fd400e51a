// `pgtopo proxy` started by hand runs on V8's default young generation, which grows to 32-64 MiB under logins and
// stays committed: twice the memory per idle client (proxy/young-generation.ts). Every launcher pgtopo owns passes
// PROXY_NODE_FLAGS; a proxy started without them (or any semi-space setting of the user's own) replaces its own
// process with one that has them before it does anything: the same PID, stdio and environment, so systemd, a
// container runtime or a shell sees no difference.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROXY_NODE_FLAGS } from '../proxy/young-generation.ts';

const PGTOPO_BIN = fileURLToPath(new URL('../bin/pgtopo', import.meta.url));

export function execWithProxyNodeFlags(): void {
  if (hasSemiSpaceSetting() || !isPgtopoProcess() || typeof process.execve !== 'function') return; // execve: POSIX only
  process.execve(process.execPath, [process.execPath, ...PROXY_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)], process.env);
}

/** The process runs bin/pgtopo, not a host that called runCli (a test runner): only then is it the proxy's to replace. */
function isPgtopoProcess(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(PGTOPO_BIN);
  } catch {
    return false;
  }
}

function hasSemiSpaceSetting(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some((flag) => /^--(max|min)[-_]semi[-_]space[-_]size\b/.test(flag));
}
