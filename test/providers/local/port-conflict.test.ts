import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashPatterns } from '../../cli/run-pgtopo.ts';
import { LocalWorkspace, TOPOLOGY_USERS } from './local-workspace.ts';

// A declared port someone else already listens on is a clear, actionable error before anything starts.

let blocker: Server;
let port: number;
let workspace: LocalWorkspace;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  port = (blocker.address() as { port: number }).port;
  workspace = await LocalWorkspace.create(`
version: 1
name: pc
clusters:
  dev:
    environment: local
    postgres: { instances: 1, port: ${port} }
    proxy: { instances: 1 }
${TOPOLOGY_USERS}`);
});

afterAll(async () => {
  await workspace?.cleanup();
  await new Promise((resolve) => blocker.close(resolve));
});

describe('declared ports', () => {
  it('fail the apply with the port, what wanted it and how to find the holder', async () => {
    const apply = await workspace.run('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    const output = apply.stdout + apply.stderr;
    expect(output).toContain(`Port ${port} on 127.0.0.1 (wanted for dev.postgres[0]) is already in use by another process`);
    expect(output).toContain(`ss -ltnp 'sport = :${port}'`);
    for (const pattern of crashPatterns) expect(output).not.toMatch(pattern);
    expect(workspace.recordedPids()).toEqual([]);
  });
});
