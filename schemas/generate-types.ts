// Generates schemas/topology.ts from schemas/topology.schema.json. With --check, fails when the committed file is stale.
import { compileFromFile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';

const schemaPath = new URL('./topology.schema.json', import.meta.url);
const typesPath = new URL('./topology.ts', import.meta.url);

const banner = `/* Generated from topology.schema.json by \`npm run schema:types\`. Do not edit by hand. */`;

const generated = await compileFromFile(schemaPath.pathname, {
  bannerComment: banner,
  unreachableDefinitions: true,
  additionalProperties: false,
  style: { singleQuote: true, printWidth: 120 },
});

if (process.argv.includes('--check')) {
  const committed = await readFile(typesPath, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write('schemas/topology.ts is stale: run `npm run schema:types` and commit the result.\n');
    process.exit(1);
  }
} else {
  await writeFile(typesPath, generated);
}
