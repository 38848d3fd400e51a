// Durations and byte sizes as the topology schema's Duration and ByteSize write them ("5s", "10MB") and as code uses them (ms, bytes).

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const byteUnits: Record<string, number> = { B: 1, kB: 1024, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Milliseconds of a schema-valid duration; a bare number means seconds, as in Pgpool-II's settings. */
export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value * 1000;
  const match = /^(\d+)(ms|s|m|h)$/.exec(value);
  if (!match) throw new RangeError(`not a duration: ${value}`);
  return Number(match[1]) * durationUnits[match[2]!]!;
}

/** Bytes of a schema-valid size; a bare number means bytes. */
export function sizeBytes(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)(B|kB|KB|MB|GB|TB)$/.exec(value);
  if (!match) throw new RangeError(`not a size: ${value}`);
  return Number(match[1]) * byteUnits[match[2]!]!;
}
