// Suggests the known name closest to a misspelt one ("did you mean `poolSize`?").

/** Names people carry over from Pgpool-II, PgBouncer or Kubernetes, mapped to ours. */
const synonyms: Record<string, string> = {
  replicas: 'instances',
  loadbalancemode: 'loadBalancing',
  connectioncache: 'pooling',
  poolmode: 'mode',
  numinitchildren: 'maxClientConnections',
  healthcheckperiod: 'period',
  delegateip: 'vip',
  backendflag: 'flags',
};

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalize(name);
  const list = [...candidates];
  const synonym = synonyms[wanted];
  if (synonym && list.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of list) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

// Case, dashes and underscores never distinguish two of our names, so `pool_size` finds `poolSize`.
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** Damerau-style edit distance (adjacent transpositions count as one edit). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i]!;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
      }
    }
  }
  return rows[a.length]![b.length]!;
}
