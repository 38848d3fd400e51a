// `--source <repository>#<ref>:<path>`: how it is read, what is refused, and that credentials in a repository URL
// never reach logs or state.
import { describe, expect, it } from 'vitest';
import { describeSource, displayRepository, parseSourceSpec } from '../../../engine/reconcile/git-source.ts';

describe('--source', () => {
  it('reads repository, ref and path, with HEAD and pgtopo.yaml as defaults', () => {
    expect(parseSourceSpec('https://git.example.com/infra.git#main:clusters/pgtopo.yaml'))
      .toEqual({ repository: 'https://git.example.com/infra.git', ref: 'main', path: 'clusters/pgtopo.yaml' });
    expect(parseSourceSpec('git@git.example.com:team/infra.git#refs/heads/prod'))
      .toEqual({ repository: 'git@git.example.com:team/infra.git', ref: 'refs/heads/prod', path: 'pgtopo.yaml' });
    expect(parseSourceSpec('/srv/git/infra.git')).toEqual({ repository: '/srv/git/infra.git', ref: 'HEAD', path: 'pgtopo.yaml' });
  });

  it('refuses what git would take for an option, and paths outside the repository', () => {
    expect(() => parseSourceSpec('#main:pgtopo.yaml')).toThrow(/expected <git repository>#<ref>:<path>/);
    expect(() => parseSourceSpec('/srv/infra.git#--upload-pack=evil:pgtopo.yaml')).toThrow(/cannot start with "-"/);
    expect(() => parseSourceSpec('--upload-pack=evil#main')).toThrow(/cannot start with "-"/);
    expect(() => parseSourceSpec('/srv/infra.git#main:../secrets.yaml')).toThrow(/inside the repository/);
    expect(() => parseSourceSpec('/srv/infra.git#main:/etc/passwd')).toThrow(/inside the repository/);
  });

  it('drops credentials from a repository URL wherever it is shown or recorded', () => {
    expect(displayRepository('https://ci:s3cr3t-token@git.example.com/infra.git')).toBe('https://git.example.com/infra.git');
    expect(displayRepository('/srv/git/infra.git')).toBe('/srv/git/infra.git');
    expect(describeSource(parseSourceSpec('https://x-access-token:ghp_abc@github.com/o/r.git#main'))).toBe('https://github.com/o/r.git#main:pgtopo.yaml');
  });
});
