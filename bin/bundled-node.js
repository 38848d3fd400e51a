// pgtopo is TypeScript run by Node's type stripping, which needs Node 22.19 or newer (package.json "engines"). A
// checkout has Node 24 in node_modules (the `node` devDependency), but a shell that starts bin/pgtopo some other way
// (`npx --prefix <checkout>`, `npm link`, a systemd unit naming the file) gets the first Node on PATH. This file is
// plain JavaScript so that such a Node can run it: it hands the whole run to the newer Node, or says what is needed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MINIMUM = [22, 19];
// Set for the child: a bundled Node that were too old as well must not start itself again and again.
const HANDED_OVER = 'PGTOPO_BUNDLED_NODE';
const FORWARDED_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

export function isTooOld(version) {
  const [major, minor] = version.split('.').map(Number);
  return major < MINIMUM[0] || (major === MINIMUM[0] && minor < MINIMUM[1]);
}

/** The `node` package's binary as this file resolves it (pgtopo's own node_modules or the one it is installed in). */
function bundledNode() {
  try {
    const binary = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `script` with `args` on the bundled Node and ends this process as that one ends; false when there is none. */
export function runOnBundledNode(script, args) {
  const node = process.env[HANDED_OVER] === undefined ? bundledNode() : undefined;
  if (node === undefined) return false;
  const child = spawn(node, [script, ...args], { stdio: 'inherit', env: { ...process.env, [HANDED_OVER]: node } });
  // A stop sent to this process (systemd, a container runtime, kill) is meant for the run, which is the child's.
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`pgtopo: cannot start ${node}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const forwarded of FORWARDED_SIGNALS) process.off(forwarded, forward);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
  return true;
}

export function explainTooOld() {
  process.stderr.write(`pgtopo: needs Node.js ${MINIMUM.join('.')} or newer; this is Node ${process.versions.node} (${process.execPath}).\n`
    + 'In a checkout of pgtopo, `npm ci` installs Node 24 into node_modules and `npx pgtopo …` runs on it.\n');
}
