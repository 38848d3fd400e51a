import { describe, expect, it } from 'vitest';
import { cstringEnd } from '../../../proxy/protocol/cstring.ts';

describe('cstringEnd', () => {
  it('finds the NUL ending a string, and only before the end of the message', () => {
    const buf = Buffer.from('P\0\0\0\0stmt\0SELECT 1\0\0\0', 'latin1');
    expect(cstringEnd(buf, 5, buf.length)).toBe(9);
    expect(cstringEnd(buf, 9, buf.length)).toBe(9); // an empty name
    expect(cstringEnd(buf, 10, buf.length)).toBe(18);
    expect(cstringEnd(buf, 10, 18)).toBe(-1);
  });
});
