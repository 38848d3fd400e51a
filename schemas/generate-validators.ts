// Generates proxy/config/proxy-config-validators.js, the proxy config schema compiled ahead of time by Ajv's
// standalone code generator, and its declaration file. A running proxy then loads ~150 kB of plain
// validation code instead of Ajv's compiler, which took ~20 MB of its base RSS to compile the schema at start.
// With --check, fails when a committed file is stale.
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js'; // CommonJS: the default import is its exports object
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import schema from '../proxy/config/proxy-config.schema.json' with { type: 'json' };

const validatorsPath = new URL('../proxy/config/proxy-config-validators.js', import.meta.url);
const declarationsPath = new URL('../proxy/config/proxy-config-validators.d.ts', import.meta.url);
const BANNER = '// Generated from proxy-config.schema.json by `npm run schema:types`. Do not edit by hand.';

// Ajv's ESM output still reaches its one runtime helper (string length in code points) with require(), which an ES
// module cannot do; the helper's own source is written into the module instead, so it imports nothing.
const UCS2_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';
const ucs2length = (createRequire(import.meta.url)('ajv/dist/runtime/ucs2length.js') as { default: (text: string) => number }).default;

function validatorsModule(): string {
  // inlineRefs off: a definition referenced from several places (Router, by the whole document and on its own) is
  // one function, not a copy per place (200 kB became 150 kB).
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, code: { source: true, esm: true, lines: true }, inlineRefs: false });
  ajv.addSchema(schema);
  const code = standalone.default(ajv, {
    validateProxyConfigDocument: schema.$id,
    validateRouterDocument: `${schema.$id}#/definitions/Router`,
  }).replace(/^"use strict";/, '').replaceAll(UCS2_REQUIRE, 'ucs2length');
  if (code.includes('require(')) throw new Error('Ajv standalone code needs a runtime helper this generator does not import yet');
  return `${BANNER}\n${ucs2length.toString()}\n${code}\n`;
}

const declarations = `${BANNER}
import type { ValidateFunction } from 'ajv';
import type { ProxyConfigDocument, RouterDocument } from './proxy-config-document.ts';

export declare const validateProxyConfigDocument: ValidateFunction<ProxyConfigDocument>;
export declare const validateRouterDocument: ValidateFunction<RouterDocument>;
`;

const files: [URL, string][] = [[validatorsPath, validatorsModule()], [declarationsPath, declarations]];
if (process.argv.includes('--check')) {
  let stale = false;
  for (const [path, generated] of files) {
    if ((await readFile(path, 'utf8').catch(() => '')) === generated) continue;
    process.stderr.write(`${path.pathname} is stale: run \`npm run schema:types\` and commit the result.\n`);
    stale = true;
  }
  if (stale) process.exit(1);
} else {
  for (const [path, generated] of files) await writeFile(path, generated);
}
