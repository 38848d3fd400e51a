// Generates the TypeScript types of pgtopo's JSON Schemas: schemas/topology.ts from the topology schema, and
// proxy/config/proxy-config-document.ts from the proxy config schema the builtin proxy owns. With --check, fails
// when a committed file is stale.
import { compileFromFile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';

interface Generated {
  schema: URL;
  types: URL;
  /** Arrays stay arrays whatever their minItems (the renderer builds them with map), not tuples. */
  ignoreMinAndMaxItems?: boolean;
}

const targets: Generated[] = [
  { schema: new URL('./topology.schema.json', import.meta.url), types: new URL('./topology.ts', import.meta.url) },
  {
    schema: new URL('../proxy/config/proxy-config.schema.json', import.meta.url),
    types: new URL('../proxy/config/proxy-config-document.ts', import.meta.url),
    ignoreMinAndMaxItems: true,
  },
];

async function generate(target: Generated): Promise<string> {
  const name = target.schema.pathname.split('/').at(-1);
  return compileFromFile(target.schema.pathname, {
    bannerComment: `/* Generated from ${name} by \`npm run schema:types\`. Do not edit by hand. */`,
    unreachableDefinitions: true,
    additionalProperties: false,
    style: { singleQuote: true, printWidth: 120 },
    ignoreMinAndMaxItems: target.ignoreMinAndMaxItems ?? false,
  });
}

const check = process.argv.includes('--check');
let stale = false;
for (const target of targets) {
  const generated = await generate(target);
  if (!check) {
    await writeFile(target.types, generated);
    continue;
  }
  const committed = await readFile(target.types, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write(`${target.types.pathname} is stale: run \`npm run schema:types\` and commit the result.\n`);
    stale = true;
  }
}
if (stale) process.exit(1);
