// Real git for the GitOps tests: a fixed identity and no user or system configuration, so commits are made the same
// way on every machine; and the small topology whose proxy pool size (and port) the tests change commit by commit.
import { execFileSync } from 'node:child_process';

export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'dev', GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

/** One local cluster with one proxy; `poolSize` may be anything, to commit an invalid topology. */
export function poolTopology(poolSize: number | string, port = 6432): string {
  return `version: 1
name: shop
clusters:
  dev:
    environment: local
    postgres: { instances: 1 }
    proxy:
      instances: 1
      port: ${port}
      pooling:
        poolSize: ${poolSize}
users:
  - { name: app, auth: trust }
`;
}
