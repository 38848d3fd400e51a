// The known name closest to a misspelt one, for every "did you mean" pgtopo prints: topology keys (the engine's
// did-you-mean adds the synonyms people carry over from other tools) and cloud identifiers (the aws provider's
// not-found errors). It sits below every layer, so each of them may import it; it imports nothing.

/** Case never distinguishes two identifiers; callers with more such rules (dashes, underscores) pass their own. */
const lowerCase = (name: string): string => name.toLowerCase();

/**
 * The candidate closest to `wanted`, compared through `normalize`, or undefined when none is within a third of the
 * name's length (at least two edits): a suggestion further off would be a guess, not a correction.
 */
export function closestName(wanted: string, candidates: Iterable<string>, normalize = lowerCase): string | undefined {
  const target = normalize(wanted);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(target.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalize(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
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
