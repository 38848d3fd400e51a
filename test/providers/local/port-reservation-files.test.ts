// A port reserved by another pgtopo process within the last minute is not handed out; one reserved longer ago is
// stale and taken over. Ports from the declarable range, which nothing draws, so no other test reserves them.
import { utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reservePort } from '../../../providers/local/port-reservations.ts';

const DIR = join(tmpdir(), 'pgtopo-port-reservations');
const port = (offset: number) => 32_000 + (process.pid % 300) * 2 + offset;

function reservedElsewhere(reserved: number, secondsAgo: number): void {
  reservePort(port(100)); // makes the directory
  const file = join(DIR, String(reserved));
  writeFileSync(file, '');
  const at = (Date.now() - secondsAgo * 1000) / 1000;
  utimesSync(file, at, at);
}

describe('port reservation files', () => {
  it('refuses a port another process reserved a moment ago', () => {
    reservedElsewhere(port(0), 5);
    expect(reservePort(port(0))).toBe(false);
  });

  it('takes over a reservation older than a minute, once', () => {
    reservedElsewhere(port(1), 120);
    expect(reservePort(port(1))).toBe(true);
    expect(reservePort(port(1))).toBe(false);
  });
});
