// On a Pgpool-II proxy on EC2 without a watchdog: the serving tag (proxy-serving.ts) that a roll waits for before it
// terminates the proxy this one replaces. The builtin proxy tags its own instance once it listens; for Pgpool-II,
// `pgtopo pgpool-files` (its timer runs every 30 s) tags once Pgpool-II accepts a connection on its port, which it
// opens only when it has started.
import { connect } from 'node:net';
import { SERVING_TAG } from './proxy-serving.ts';
import { taggedBefore, tagAndMark } from './tagged-once.ts';

const CONNECT_TIMEOUT_MS = 5_000;
/** tagged-once.ts: asked no more until Pgpool-II starts again. */
const TAGGED_MARKER = 'serving';

export type ServingReport = { outcome: 'tagged'; instance: string } | { outcome: 'tagged before' } | { outcome: 'not serving'; why: string };

/** Tags this instance once Pgpool-II accepts connections at `address`; `tag` puts the tag and returns the instance id. */
export async function reportServing(runDir: string, address: { host: string; port: number }, tag: (key: string, value: string) => Promise<string>): Promise<ServingReport> {
  if (await taggedBefore(runDir, TAGGED_MARKER)) return { outcome: 'tagged before' };
  const refused = await accepts(address);
  if (refused !== null) return { outcome: 'not serving', why: `${address.host}:${address.port}: ${refused}` };
  return { outcome: 'tagged', instance: await tagAndMark(runDir, TAGGED_MARKER, SERVING_TAG, tag) };
}

/** Null when a TCP connection to `address` opens; else why not. */
function accepts(address: { host: string; port: number }): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ ...address, timeout: CONNECT_TIMEOUT_MS });
    socket.once('connect', () => { socket.destroy(); resolve(null); });
    socket.once('timeout', () => { socket.destroy(); resolve(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`); });
    socket.once('error', (error) => resolve(error.message));
  });
}
