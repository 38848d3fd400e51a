// The compiled proxy config schema (proxy-config.schema.json): the whole document, and its `router` section alone
// for the router's own checks. One schema file, so the reader, the router and the generated type cannot drift.
import { Ajv, type ValidateFunction } from 'ajv';
import schema from './proxy-config.schema.json' with { type: 'json' };
import type { ProxyConfigDocument, RouterDocument } from './proxy-config-document.ts';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
ajv.addSchema(schema);

function compiled<T>(ref: string): ValidateFunction<T> {
  const validate = ajv.getSchema<T>(ref);
  if (!validate) throw new Error(`proxy-config.schema.json has no ${ref}`);
  return validate;
}

export const validateProxyConfigDocument = compiled<ProxyConfigDocument>(schema.$id);
export const validateRouterDocument = compiled<RouterDocument>(`${schema.$id}#/definitions/Router`);
