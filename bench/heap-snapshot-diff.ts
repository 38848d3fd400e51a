// What a heap grew by between two V8 heap snapshots, by object kind (node type and constructor or name): count
// and self size, largest first, optionally per unit (per client, with bench/idle-client-memory.ts's snapshots).
// Not a test. Run: node_modules/.bin/node bench/heap-snapshot-diff.ts <before.heapsnapshot> <after.heapsnapshot> [units] [rows]
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Count and bytes per kind, e.g. `object ClientConnection`, `closure onData`, `native system / JSArrayBufferData`. */
function kinds(path: string): Map<string, { count: number; bytes: number }> {
  const heap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
  const result = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + typeAt]!]!;
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '' : heap.strings[heap.nodes[i + nameAt]!]!.slice(0, 60);
    const key = `${type} ${name}`;
    const entry = result.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += heap.nodes[i + sizeAt]!;
    result.set(key, entry);
  }
  return result;
}

const [beforePath, afterPath, unitsText = '1', rowsText = '40'] = process.argv.slice(2);
if (!beforePath || !afterPath) throw new Error('usage: heap-snapshot-diff.ts <before> <after> [units] [rows]');
const units = Number(unitsText);
const before = kinds(beforePath);
const grown = [...kinds(afterPath)].map(([key, after]) => {
  const was = before.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: after.count - was.count, bytes: after.bytes - was.bytes };
}).sort((a, b) => b.bytes - a.bytes);
const total = grown.reduce((sum, row) => sum + row.bytes, 0);
console.log(`grown by ${(total / units).toFixed(0)} B per unit (${units} units)`);
console.log('  bytes/unit  count/unit  kind');
for (const row of grown.slice(0, Number(rowsText))) {
  console.log(`  ${(row.bytes / units).toFixed(0).padStart(10)}  ${(row.count / units).toFixed(2).padStart(10)}  ${row.key}`);
}
