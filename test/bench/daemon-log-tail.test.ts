// A failed benchmark run keeps the end of its target's log in the results, since the temp dir with the log is gone
// after the run: startDaemon's logTail reads what the real process wrote, here a small Node server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDaemon, type Daemon } from '../../bench/daemon-process.ts';
import { allocateFreePort } from '../../providers/local/free-port.ts';

let daemon: Daemon | undefined;
let dir: string | undefined;

afterEach(async () => {
  await daemon?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('startDaemon', () => {
  it('reads the end of the log the daemon wrote, its last 2 KiB', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pgtopo-daemon-log-'));
    const port = await allocateFreePort();
    const script = [
      "for (let i = 0; i < 200; i++) console.log('filler line ' + i);",
      "console.error('server login failed: connect timeout after 5000 ms');",
      `require('node:net').createServer().listen(${port}, '127.0.0.1');`,
    ].join('\n');
    daemon = await startDaemon({
      label: 'log writer', command: process.execPath, args: ['-e', script], cwd: dir, logFile: join(dir, 'daemon.log'),
      host: '127.0.0.1', port, stopSignal: 'SIGTERM',
    });
    const tail = await daemon.logTail();
    expect(tail.endsWith('server login failed: connect timeout after 5000 ms')).toBe(true);
    expect(tail).toContain('filler line 199');
    expect(tail).not.toContain('filler line 0\n');
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(2048);
  });
});
