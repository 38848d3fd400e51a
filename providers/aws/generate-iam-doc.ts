// Writes docs/aws-iam.md, the IAM policies of the aws provider, from iam-policy.ts. With --check, fails when the
// committed file is stale. Run: npx node providers/aws/generate-iam-doc.ts
import { readFile, writeFile } from 'node:fs/promises';
import { iamDocument } from './iam-document.ts';

const path = new URL('../../docs/aws-iam.md', import.meta.url);
const wanted = iamDocument();
if (process.argv.includes('--check')) {
  const current = await readFile(path, 'utf8').catch(() => '');
  if (current !== wanted) {
    process.stderr.write('docs/aws-iam.md is stale: run npx node providers/aws/generate-iam-doc.ts\n');
    process.exitCode = 1;
  }
} else {
  await writeFile(path, wanted);
}
