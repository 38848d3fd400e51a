// Generated from proxy-config.schema.json by `npm run schema:types`. Do not edit by hand.
import type { ValidateFunction } from 'ajv';
import type { ProxyConfigDocument, RouterDocument } from './proxy-config-document.ts';

export declare const validateProxyConfigDocument: ValidateFunction<ProxyConfigDocument>;
export declare const validateRouterDocument: ValidateFunction<RouterDocument>;
