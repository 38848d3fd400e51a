// On a Pgpool-II watchdog member on EC2: the joined tag (watchdog-join.ts) that a roll of the tier waits for before
// it takes the next member down. The builtin proxy tags its own instance (proxy/watchdog/joined-tag.ts); Pgpool-II
// cannot, so `pgtopo pgpool-files`, which the timer runs every 30 s, asks it over its control port
// (pcp_watchdog_info) and tags for it. Joined means what the builtin member's tag means: this member is in the
// tier (standby or leader), a leader exists and the tier has its quorum. Before, Pgpool-II members were rolled on
// `running` alone: the next member went down while its predecessor was still installing Pgpool-II, and a tier of
// three lost its quorum, and with it the VIP, for each roll.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { taggedBefore, tagAndMark } from './tagged-once.ts';
import { WATCHDOG_JOINED_TAG } from './watchdog-join.ts';

const run = promisify(execFile);
/** Debian's pgpool2 package. */
const PCP_WATCHDOG_INFO = '/usr/sbin/pcp_watchdog_info';
const PCP_TIMEOUT_MS = 10_000;
/** tagged-once.ts: asked no more until Pgpool-II starts again. */
const TAGGED_MARKER = 'watchdog-joined';
const IN_THE_TIER = new Set(['LEADER', 'STANDBY']);

export interface PcpAccess {
  host: string;
  port: number;
  user: string;
  /** PCPPASSFILE: the user's password (render-pcp-passfile.ts). */
  passFile: string;
}

export interface PgpoolWatchdogView {
  /** The leader's node name; null: none. */
  leader: string | null;
  quorum: boolean;
  /** This member's state name (the first node pcp_watchdog_info lists is the local one). */
  localState: string | null;
}

/** Reads `pcp_watchdog_info --verbose`. */
export function parseWatchdogInfo(output: string): PgpoolWatchdogView {
  const field = (name: string): string | null => new RegExp(`^${name}\\s*: (.*)$`, 'm').exec(output)?.[1]?.trim() ?? null;
  const leader = field('Leader Node Name');
  return { leader: leader === null || leader === 'Not Set' ? null : leader, quorum: field('Quorum state') === 'QUORUM EXIST', localState: field('Status Name') };
}

function hasJoined(view: PgpoolWatchdogView): boolean {
  return view.leader !== null && view.quorum && view.localState !== null && IN_THE_TIER.has(view.localState);
}

async function readWatchdogView(pcp: PcpAccess): Promise<PgpoolWatchdogView> {
  const { stdout } = await run(PCP_WATCHDOG_INFO, ['-h', pcp.host, '-p', String(pcp.port), '-U', pcp.user, '-w', '-v'], {
    env: { ...process.env, PCPPASSFILE: pcp.passFile }, timeout: PCP_TIMEOUT_MS,
  });
  return parseWatchdogInfo(stdout);
}

export type JoinReport = { outcome: 'tagged'; instance: string } | { outcome: 'tagged before' } | { outcome: 'not joined'; why: string };

/**
 * Tags this instance once Pgpool-II's watchdog has it in the tier; `tag` puts the tag and returns the instance id
 * (proxy/watchdog/ec2-instance-tag.ts). Nothing is asked once the marker says it is done.
 */
export async function reportWatchdogJoin(runDir: string, pcp: PcpAccess, tag: (key: string, value: string) => Promise<string>): Promise<JoinReport> {
  if (await taggedBefore(runDir, TAGGED_MARKER)) return { outcome: 'tagged before' };
  const view = await readWatchdogView(pcp).catch((error: Error & { stderr?: string }) => error);
  if (view instanceof Error) return { outcome: 'not joined', why: `pcp_watchdog_info: ${lastLine(view.stderr) ?? lastLine(view.message)}` };
  if (!hasJoined(view)) return { outcome: 'not joined', why: `state ${view.localState ?? 'unknown'}, leader ${view.leader ?? 'none'}, quorum ${view.quorum ? 'yes' : 'no'}` };
  return { outcome: 'tagged', instance: await tagAndMark(runDir, TAGGED_MARKER, WATCHDOG_JOINED_TAG, tag) };
}

function lastLine(text: string | undefined): string | undefined {
  return text?.trim().split('\n').at(-1) || undefined;
}
