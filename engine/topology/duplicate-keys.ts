// Keys repeated in one mapping, found in one pass. yaml's own check (`uniqueKeys: true`) compares each key with
// every earlier key of its mapping, which made a file of 50,000 keys take minutes to reject.
import { isCollection, isMap, isPair, isScalar, YAMLParseError, type Document, type Node } from 'yaml';

/** The errors yaml's `uniqueKeys: true` would report (same code, same place: the repeated key). */
export function duplicateKeys(document: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  // A stack, not recursion: the document may be as deep as the parser allowed.
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isCollection(node)) continue;
    const seen = new Set<unknown>();
    for (const item of node.items) {
      if (!isPair(item)) {
        pending.push(item);
        continue;
      }
      pending.push(item.key, item.value);
      if (!isMap(node) || !isScalar(item.key)) continue;
      if (seen.has(item.key.value)) errors.push(duplicateAt(item.key));
      seen.add(item.key.value);
    }
  }
  return errors;
}

function duplicateAt(key: Node): YAMLParseError {
  const offset = key.range?.[0] ?? 0;
  return new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
}
