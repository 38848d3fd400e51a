// Pull mode (`reconcile --watch --source <repository>#<ref>:<path>`): which commit each run reconciles. A new commit
// of the ref is taken once its topology loads; an invalid one is reported (file:line:column and the commit id) and
// the last commit applied keeps being reconciled. The commit applied is recorded in state, and a commit that does
// not descend from it (the ref moved back, history rewritten) is refused unless rewinds are allowed.
import type { ProviderRegistry } from '../../providers/provider.ts';
import type { StateBackend } from '../state/state-backend.ts';
import type { AppliedSource } from '../state/state-format.ts';
import { formatDiagnostics } from '../topology/diagnostic.ts';
import { loadTopologyFile } from '../topology/load-topology.ts';
import { describeSource, displayRepository, type GitSource } from './git-source.ts';
import type { JsonLog } from './json-log.ts';
import type { ReconcileMetrics } from './reconcile-metrics.ts';

export interface FollowedCommit {
  file: string;
  commit: string;
}

export interface SourceFollowerOptions {
  source: GitSource;
  registry: ProviderRegistry;
  log: JsonLog;
  metrics: ReconcileMetrics;
  allowRewind: boolean;
}

export class SourceFollower {
  readonly #options: SourceFollowerOptions;
  /** The last commit applied by this process: what runs while the ref points at an invalid commit. */
  #applied: string | null = null;
  #rejected: { commit: string; error: string } | null = null;

  constructor(options: SourceFollowerOptions) {
    this.#options = options;
  }

  describe(): string {
    return describeSource(this.#options.source.spec);
  }

  health(): Record<string, unknown> {
    return { source: this.describe(), appliedCommit: this.#applied, rejectedCommit: this.#rejected?.commit ?? null, sourceError: this.#rejected?.error ?? null };
  }

  /** Fetches the ref and checks out the commit to reconcile now. */
  async next(): Promise<FollowedCommit> {
    const { source } = this.#options;
    const head = await source.fetch();
    if (head === this.#applied || (head !== this.#rejected?.commit && await this.#loads(head))) {
      await source.checkout(head);
      return { file: source.topologyFile(), commit: head };
    }
    const rejected = this.#rejected!;
    if (!this.#applied) throw new Error(`commit ${rejected.commit} of ${this.describe()} is not a valid topology, and no earlier commit was applied:\n${rejected.error}`);
    await source.checkout(this.#applied);
    return { file: source.topologyFile(), commit: this.#applied };
  }

  /** Refuses to apply `commit` when it does not descend from the commit state records as applied. */
  async checkNotRewinding(backend: StateBackend, commit: string): Promise<void> {
    const recorded = (await backend.read())?.source?.commit;
    if (!recorded || recorded === commit || this.#options.allowRewind) return;
    if (await this.#options.source.descendsFrom(commit, recorded)) return;
    throw new Error(`commit ${commit} of ${this.describe()} does not descend from ${recorded}, the commit applied last ` +
      '(the ref moved back or its history was rewritten); refusing to go back. Run with --allow-rewind to apply it');
  }

  /** Records `commit` as applied: in state (one more write when it changed), metrics and health. */
  async applied(backend: StateBackend, commit: string): Promise<void> {
    const { spec } = this.#options.source;
    const state = await backend.read();
    if (state && state.source?.commit !== commit) {
      const source: AppliedSource = { repository: displayRepository(spec.repository), ref: spec.ref, path: spec.path, commit, applied: new Date().toISOString() };
      await backend.write({ ...state, serial: state.serial + 1, source });
    }
    if (this.#applied !== commit) this.#options.log('info', 'applied commit', { commit, source: this.describe() });
    this.#applied = commit;
    if (this.#rejected?.commit === commit) this.#rejected = null;
    this.#options.metrics.sourceCommit.reset();
    this.#options.metrics.sourceCommit.set({ commit }, 1);
  }

  async #loads(commit: string): Promise<boolean> {
    const { source, registry, log, metrics } = this.#options;
    await source.checkout(commit);
    const loaded = await loadTopologyFile(source.topologyFile(), registry);
    if (loaded.ok) return true;
    const error = formatDiagnostics(loaded.diagnostics.map((diagnostic) => ({ ...diagnostic, file: source.spec.path })));
    this.#rejected = { commit, error };
    metrics.invalidCommits.inc();
    log('error', 'invalid topology at commit; keeping the last applied commit', { commit, appliedCommit: this.#applied, error });
    return false;
  }
}
