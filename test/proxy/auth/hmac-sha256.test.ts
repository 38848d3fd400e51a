// HMAC-SHA-256 built from one-shot hashes (proxy/auth/hmac-sha256.ts) against RFC 4231's test vectors and against
// node:crypto's createHmac for keys and messages of every length class (short, one block, longer than a block).
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../../proxy/auth/hmac-sha256.ts';

// RFC 4231 section 4: test cases 1, 2, 4, 6 and 7 (5 truncates the output, 3 repeats 6's shape).
const RFC_4231 = [
  { key: Buffer.alloc(20, 0x0b), data: Buffer.from('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { key: Buffer.from('Jefe'), data: Buffer.from('what do ya want for nothing?'), mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  {
    key: Buffer.from('0102030405060708090a0b0c0d0e0f10111213141516171819', 'hex'),
    data: Buffer.alloc(50, 0xcd),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  { key: Buffer.alloc(131, 0xaa), data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'), mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' },
  {
    key: Buffer.alloc(131, 0xaa),
    data: Buffer.from('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('hmacSha256', () => {
  it.each(RFC_4231.map((vector, i) => [i, vector] as const))('matches RFC 4231 vector %i', (_, { key, data, mac }) => {
    expect(hmacSha256(key, data).toString('hex')).toBe(mac);
  });

  it('matches createHmac for keys and messages of 0 to 200 bytes, given as bytes or as text', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      for (const dataLength of [0, 1, 55, 56, 64, 119, 200]) {
        const data = randomBytes(dataLength);
        const text = data.toString('base64');
        expect(hmacSha256(key, data).equals(createHmac('sha256', key).update(data).digest())).toBe(true);
        expect(hmacSha256(key, text).equals(createHmac('sha256', key).update(text, 'utf8').digest())).toBe(true);
      }
    }
  });

  it('gives a key the same MAC on every call (its padded blocks are cached, not changed)', () => {
    const key = randomBytes(32);
    const first = hmacSha256(key, 'n=,r=abc');
    hmacSha256(key, 'another message');
    expect(hmacSha256(key, 'n=,r=abc').equals(first)).toBe(true);
  });
});
