// Pull mode's view of a git repository: `<repository>#<ref>:<path>`, fetched with the real git into a cache
// directory that holds one checkout. The checkout stays in one place (switched between commits with a forced
// checkout), so whatever the topology keeps beside itself — the local state backend's `.pgtopo/` — survives.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SourceSpec {
  repository: string;
  ref: string;
  path: string;
}

/** `<repository>#<ref>:<path>`; the ref defaults to HEAD and the path to pgtopo.yaml. */
export function parseSourceSpec(spec: string): SourceSpec {
  const hash = spec.lastIndexOf('#');
  const repository = hash < 0 ? spec : spec.slice(0, hash);
  const rest = hash < 0 ? '' : spec.slice(hash + 1);
  const colon = rest.indexOf(':');
  const ref = (colon < 0 ? rest : rest.slice(0, colon)) || 'HEAD';
  const path = (colon < 0 ? '' : rest.slice(colon + 1)) || 'pgtopo.yaml';
  if (!repository) throw new Error(`--source ${spec}: expected <git repository>#<ref>:<path>, e.g. https://example.com/infra.git#main:pgtopo.yaml`);
  if (ref.startsWith('-') || repository.startsWith('-')) throw new Error(`--source ${spec}: a repository or ref cannot start with "-"`);
  if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`--source ${spec}: the path must lie inside the repository`);
  return { repository, ref, path };
}

/** The repository as it may be logged and recorded: credentials in a URL are dropped. */
export function displayRepository(repository: string): string {
  try {
    const url = new URL(repository);
    if (!url.username && !url.password) return repository;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return repository;
  }
}

export function describeSource(spec: SourceSpec): string {
  return `${displayRepository(spec.repository)}#${spec.ref}:${spec.path}`;
}

export class GitSource {
  readonly spec: SourceSpec;
  readonly checkoutDir: string;

  constructor(spec: SourceSpec, cacheDir: string) {
    this.spec = spec;
    this.checkoutDir = join(cacheDir, 'checkout');
  }

  /** The topology file inside the checkout. */
  topologyFile(): string {
    return join(this.checkoutDir, this.spec.path);
  }

  /** Fetches the ref and returns the commit it names now. */
  async fetch(): Promise<string> {
    mkdirSync(this.checkoutDir, { recursive: true });
    await this.#git('init', '-q');
    await this.#git('fetch', '-q', '--no-tags', '--', this.spec.repository, this.spec.ref);
    return this.#git('rev-parse', '--verify', 'FETCH_HEAD^{commit}');
  }

  async checkout(commit: string): Promise<void> {
    await this.#git('checkout', '-q', '--force', '--detach', commit);
  }

  /** Whether `descendant` has `ancestor` in its history (false too when `ancestor` is not known here). */
  async descendsFrom(descendant: string, ancestor: string): Promise<boolean> {
    try {
      await this.#git('merge-base', '--is-ancestor', ancestor, descendant);
      return true;
    } catch {
      return false;
    }
  }

  async #git(...args: string[]): Promise<string> {
    try {
      const { stdout } = await run('git', ['-C', this.checkoutDir, ...args], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 1024 * 1024 });
      return stdout.trim();
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new Error(`git ${args[0]} of ${describeSource(this.spec)} failed: ${(stderr || message).trim().replaceAll(this.spec.repository, displayRepository(this.spec.repository))}`);
    }
  }
}
