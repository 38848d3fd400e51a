// The proxy config's `router` section (rendered by proxy-tier/proxy-tier-config.ts, passed through by
// proxy/proxy-config.ts untouched; its schema is the Router definition of proxy/config/proxy-config.schema.json)
// → a checked RouterConfig. Errors name the setting and say what is expected.

import type { ErrorObject } from 'ajv';
import { validateRouterDocument } from '../config/proxy-config-validators.js';
import { defaultRouterConfig, type RouterConfig } from './router-config.ts';

export class RouterConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouterConfigError';
  }
}

function describe(error: ErrorObject): string {
  const where = `router${error.instancePath.replaceAll('/', '.')}`;
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown setting "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}

/** Every regex setting must compile; a typo should fail at startup, not silently never match. */
function checkPatterns(config: RouterConfig): string[] {
  const problems: string[] = [];
  const check = (pattern: string, where: string) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      problems.push(`${where}: not a valid regular expression (${(error as Error).message})`);
    }
  };
  for (const key of ['writeFunctions', 'readOnlyFunctions', 'primaryRoutingPatterns'] as const) {
    config[key].forEach((pattern, i) => check(pattern, `router.${key}[${i}]`));
  }
  for (const [field, rules] of Object.entries(config.redirectPreferences)) {
    rules.forEach((rule, i) => check(rule.pattern, `router.redirectPreferences.${field}[${i}].pattern`));
  }
  return problems;
}

/** A checked RouterConfig from the raw `router` section; unset settings take their defaults. */
export function routerConfigFrom(document: unknown): RouterConfig {
  if (!validateRouterDocument(document)) throw new RouterConfigError((validateRouterDocument.errors ?? []).map(describe).join('; '));
  const defaults = defaultRouterConfig();
  const config = defaultRouterConfig({
    ...document,
    redirectPreferences: { ...defaults.redirectPreferences, ...document.redirectPreferences },
  });
  const problems = checkPatterns(config);
  if (problems.length > 0) throw new RouterConfigError(problems.join('; '));
  return config;
}
