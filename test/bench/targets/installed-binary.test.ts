import { describe, expect, it } from 'vitest';
import { binaryVersion, findInstalledBinary } from '../../../bench/targets/installed-binary.ts';

describe('findInstalledBinary', () => {
  it('names the Debian package to install when the binary is nowhere to be found', () => {
    const found = findInstalledBinary('pgtopo-no-such-pooler', 'pgtopo-no-such-package');
    expect(found.path).toBeUndefined();
    expect(found.missingReason).toBe(
      'pgtopo-no-such-pooler is not installed (Debian/Ubuntu: `apt-get install pgtopo-no-such-package`)',
    );
  });

  it('finds a binary on PATH and reads its version line', () => {
    const node = findInstalledBinary('node', 'nodejs');
    expect(node.path).toMatch(/\/node$/);
    expect(binaryVersion(process.execPath)).toBe(process.version);
  });
});
