// Reads a file the user named, once and with a size limit, so a pipe, a process substitution (`<(…)`) or a device
// like /dev/zero gets the same treatment as a regular file: read what is there, up to the limit, never more.
import { open } from 'node:fs/promises';

export interface LimitedRead {
  bytes: Buffer;
  /** False for pipes, sockets and devices: there is no directory to keep `.pgtopo/` beside. */
  regular: boolean;
}

export class FileTooLargeError extends Error {}

const CHUNK = 64 * 1024;
/** Enough to recognise a file by its magic number (gzip: 1f 8b). */
const HEAD_BYTES = 2;

/**
 * Reads `path` to its end. `limitOf` sees the first bytes (so a caller can tell a gzip saved plan from a topology)
 * and returns how many bytes that kind of file may have; one byte more and the read stops with FileTooLargeError.
 */
export async function readLimitedFile(path: string, limitOf: (head: Buffer) => { bytes: number; what: string }): Promise<LimitedRead> {
  const handle = await open(path, 'r');
  try {
    const regular = (await handle.stat()).isFile();
    const chunks: Buffer[] = [];
    let total = 0;
    let limit: { bytes: number; what: string } | undefined;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (!limit && total >= HEAD_BYTES) limit = limitOf(Buffer.concat(chunks));
      if (limit && total > limit.bytes) {
        throw new FileTooLargeError(`too large: more than ${formatBytes(limit.bytes)}, the most a ${limit.what} may have; is this the right file?`);
      }
    }
    return { bytes: Buffer.concat(chunks, total), regular };
  } finally {
    await handle.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
