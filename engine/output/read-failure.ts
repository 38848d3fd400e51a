// Why a file could not be read, in words: Node's `ENOENT: no such file or directory, open '…'` is for programmers.

export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'EACCES': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    default: return (error as Error).message.replace(/^[A-Z]+: /, '');
  }
}
