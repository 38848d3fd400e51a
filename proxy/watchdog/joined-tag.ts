// On EC2, a member that serves clients and knows a leader says so on its own instance: a tag (`watchdog.joinedTag`,
// the value the time it joined) which pgtopo's roll of the tier reads without reaching the instance
// (providers/aws/proxy-tier/proxy-instance-resource.ts), so the next member is terminated only once this one is back
// in the tier. Both halves count: a member that knows a leader but failed to listen is not back. Tagged once per
// process. A failed attempt (IMDS slow right after boot, a role without ec2:CreateTags) is logged and tried again
// later; it never touches the election or the VIP. A proxy without a watchdog (`servingTag`) has only the second
// half: it tags once it listens, and a roll terminates the proxy it replaces only then.
import type { Logger } from '../log.ts';

/** What the instance role needs for it (providers/aws/iam-policy.ts). */
export const JOINED_TAG_IAM_ACTIONS: readonly string[] = ['ec2:CreateTags'];
const RETRY_MS = 30_000;
/** The leader a proxy without a watchdog is taken to know: nothing to wait for. */
const NO_WATCHDOG = '(no watchdog)';

export class JoinedTag {
  readonly #key: string;
  readonly #member: string;
  readonly #log: Logger;
  readonly #retryMs: number;
  readonly #stopped = new AbortController();
  #state: 'waiting' | 'tagging' | 'tagged' = 'waiting';
  #leader: string | null = null;
  #serving = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(key: string, member: string, log: Logger, retryMs = RETRY_MS) {
    this.#key = key;
    this.#member = member;
    this.#log = log;
    this.#retryMs = retryMs;
  }

  /** For a proxy without a watchdog: the tag goes on once it serves. */
  static whenServing(key: string, log: Logger, retryMs = RETRY_MS): JoinedTag {
    const tag = new JoinedTag(key, 'proxy', log, retryMs);
    tag.#leader = NO_WATCHDOG;
    return tag;
  }

  /** The leader this member knows now, null for none (the watchdog service tells). */
  announce(leader: string | null): void {
    this.#leader = leader;
    this.#tagOnceJoined();
  }

  /** The proxy listens for clients (the server tells). */
  serving(): void {
    this.#serving = true;
    this.#tagOnceJoined();
  }

  stop(): void {
    this.#stopped.abort();
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  #tagOnceJoined(): void {
    if (this.#state !== 'waiting' || !this.#serving || this.#leader === null || this.#stopped.signal.aborted) return;
    this.#state = 'tagging';
    void this.#tag(this.#leader);
  }

  async #tag(leader: string): Promise<void> {
    try {
      const { tagOwnInstance } = await import('./ec2-instance-tag.ts');
      const instance = await tagOwnInstance(this.#key, new Date().toISOString(), this.#stopped.signal);
      this.#state = 'tagged';
      if (leader === NO_WATCHDOG) this.#log.info('serving, instance tagged', { instance, tag: this.#key });
      else this.#log.info('watchdog: joined, instance tagged', { member: this.#member, leader, instance, tag: this.#key });
    } catch (error) {
      this.#state = 'waiting';
      if (this.#stopped.signal.aborted) return;
      this.#log.warn(`${leader === NO_WATCHDOG ? 'cannot tag this instance as serving' : 'watchdog: cannot tag this instance as joined'}; a roll of the tier waits for that tag`, {
        member: this.#member, tag: this.#key, error: (error as Error).message, retryInMs: this.#retryMs,
        hint: 'the instance role needs ec2:CreateTags on this instance (docs/aws-iam.md)',
      });
      this.#retry = setTimeout(() => this.#tagOnceJoined(), this.#retryMs);
      this.#retry.unref();
    }
  }
}
