import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSecretFile } from '../../proxy/config/secret-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'pgtopo-secret-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(content: string): string {
  const file = join(dir, 'secret');
  writeFileSync(file, content);
  return readSecretFile(file);
}

describe('readSecretFile', () => {
  it.each([
    ['pw', 'pw'],
    ['pw\n', 'pw'],
    ['pw\r\n', 'pw'],
    ['pw\n\n', 'pw\n'],
    ['pw\r\n\r\n', 'pw\r\n'],
    ['pw \n', 'pw '],
    ['pw\r', 'pw\r'],
    [' pw\t', ' pw\t'],
  ])('%j gives %j: exactly one trailing line ending goes', (content, expected) => {
    expect(read(content)).toBe(expected);
  });
});
