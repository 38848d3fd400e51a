// PostgreSQL WAL positions ('16/B374D848') as numbers of bytes, so lag is a subtraction.

export function lsnToBytes(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** Bytes `behind` trails `ahead`; 0 when it is not behind (the two were read at slightly different times). */
export function lagBytes(ahead: string, behind: string): number {
  const diff = lsnToBytes(ahead) - lsnToBytes(behind);
  return diff > 0n ? Number(diff) : 0;
}
