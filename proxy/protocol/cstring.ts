// Null-terminated strings inside protocol messages. Names (statements, portals) are usually empty or short, and
// statement texts tens of bytes: a plain loop finds their end faster than Buffer#indexOf, whose call into C++
// costs more than the scan (it ran several times per extended-protocol transaction).

/** Index of the NUL ending the string that starts at `from`, or -1 when there is none before `end`. */
export function cstringEnd(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === 0) return i;
  return -1;
}

/** The string that starts at `from`: up to its NUL, or to `end` when it has none. */
export function readCstring(buf: Buffer, from: number, end: number): string {
  const zero = cstringEnd(buf, from, end);
  return buf.toString('utf8', from, zero < 0 ? end : zero);
}
