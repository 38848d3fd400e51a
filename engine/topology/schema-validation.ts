import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { topologySchema } from './schema-introspection.ts';

// ajv-formats is CommonJS whose default export is the function itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ajv = new Ajv2020({ allErrors: true, discriminator: true, verbose: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['ipv4']);
const validateTopology = ajv.compile(topologySchema);

/** Validates parsed YAML against the topology schema; returns ajv's errors (empty when valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  return validateTopology(data) ? [] : [...(validateTopology.errors ?? [])];
}
