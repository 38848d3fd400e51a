import { describe, expect, it } from 'vitest';
import { giveBackReadBuffer, READ_BUFFER_SIZE, takeReadBuffer } from '../../../proxy/io/read-buffers.ts';

describe('client read buffers', () => {
  it('hands a given-back buffer to the next connection instead of allocating', () => {
    const first = takeReadBuffer();
    expect(first.length).toBe(READ_BUFFER_SIZE);
    giveBackReadBuffer(first);
    expect(takeReadBuffer()).toBe(first);
    expect(takeReadBuffer()).not.toBe(first);
  });

  it('keeps a bounded number of spares, so a burst of connections does not pin its memory', () => {
    const burst = Array.from({ length: 1000 }, () => takeReadBuffer());
    for (const buffer of burst) giveBackReadBuffer(buffer);
    const reused = new Set(burst);
    let recycled = 0;
    for (let i = 0; i < 1000; i++) if (reused.has(takeReadBuffer())) recycled++;
    expect(recycled).toBeGreaterThan(0);
    expect(recycled).toBeLessThan(1000);
  });
});
