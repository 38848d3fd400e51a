import { describe, expect, it } from 'vitest';
import { loginRandomBytes } from '../../../proxy/auth/login-random.ts';

describe('login random bytes', () => {
  it('hands out slices that never repeat, also across refills of the batch', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(loginRandomBytes(18).toString('hex')); // 18 kB: four refills
    expect(seen.size).toBe(1000);
  });

  it('keeps a slice intact after later calls refill the batch', () => {
    const kept = loginRandomBytes(18);
    const copy = Buffer.from(kept);
    for (let i = 0; i < 500; i++) loginRandomBytes(18);
    expect(kept.equals(copy)).toBe(true);
  });

  it('serves a request larger than one batch', () => {
    const big = loginRandomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBeGreaterThan(200);
  });
});
