import { describe, expect, it } from 'vitest';
import { giveBackReadBuffer, READ_BUFFER_SIZE, ReadBuffer, SMALL_READ_BUFFER_SIZE, takeReadBuffer, takeSmallReadBuffer } from '../../../proxy/io/read-buffers.ts';

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

describe('small read buffers', () => {
  it('are pieces of shared slabs that never overlap: each keeps what was read into it', () => {
    const pieces = Array.from({ length: 1000 }, () => takeSmallReadBuffer()); // several slabs
    pieces.forEach((piece, i) => piece.fill(i % 251));
    pieces.forEach((piece, i) => expect(piece.every((byte) => byte === i % 251), `piece ${i}`).toBe(true));
    expect(new Set(pieces.map((piece) => piece.buffer)).size).toBeLessThan(pieces.length / 100);
    for (const piece of pieces) expect(piece.length).toBe(SMALL_READ_BUFFER_SIZE);
  });
});

describe('a read buffer sized to its reads', () => {
  it('starts small, grows after a read that filled it, and shrinks after one the small buffer would have held', () => {
    const reads = new ReadBuffer(true);
    expect(reads.current.length).toBe(SMALL_READ_BUFFER_SIZE);
    expect(reads.next(100)).toBeUndefined();
    const big = reads.next(SMALL_READ_BUFFER_SIZE);
    expect(big?.length).toBe(READ_BUFFER_SIZE);
    expect(reads.next(READ_BUFFER_SIZE)).toBeUndefined();
    expect(reads.next(SMALL_READ_BUFFER_SIZE + 1)).toBeUndefined();
    expect(reads.next(SMALL_READ_BUFFER_SIZE)?.length).toBe(SMALL_READ_BUFFER_SIZE);
    expect(reads.current).not.toBe(big);
  });

  it('never hands out again a buffer a pending write still points into', () => {
    const reads = new ReadBuffer(true);
    const small = reads.current;
    reads.markTaken();
    const next = reads.next(10);
    expect(next).not.toBe(small);
    expect(next?.length).toBe(SMALL_READ_BUFFER_SIZE);
    for (let i = 0; i < 100; i++) expect(takeSmallReadBuffer()).not.toBe(small);
    const big = reads.next(SMALL_READ_BUFFER_SIZE);
    reads.markTaken();
    reads.next(10);
    for (let i = 0; i < 300; i++) expect(takeReadBuffer()).not.toBe(big);
  });

  it('gives its buffer back at the end unless a write still points into it', () => {
    const kept = new ReadBuffer(true);
    const buffer = kept.current;
    kept.release();
    expect(takeSmallReadBuffer()).toBe(buffer);
    const taken = new ReadBuffer(true);
    taken.markTaken();
    taken.release();
    for (let i = 0; i < 100; i++) expect(takeSmallReadBuffer()).not.toBe(taken.current);
  });

  it('keeps a server connection on the full size whatever it reads', () => {
    const reads = new ReadBuffer();
    expect(reads.current.length).toBe(READ_BUFFER_SIZE);
    expect(reads.next(10)).toBeUndefined();
  });
});
