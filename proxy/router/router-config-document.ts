// The proxy config's `router` section (rendered by proxy-tier/proxy-tier-config.ts, passed through by
// proxy/proxy-config.ts untouched) → a checked RouterConfig. Errors name the setting and say what is expected.

import { Ajv, type ErrorObject } from 'ajv';
import { defaultRouterConfig, type RouterConfig } from './router-config.ts';

export class RouterConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouterConfigError';
  }
}

const patterns = { type: 'array', items: { type: 'string' } } as const;
const redirectRules = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['pattern', 'target'],
    properties: {
      pattern: { type: 'string', minLength: 1 },
      target: { type: 'string', minLength: 1 },
      probability: { type: 'number', minimum: 0, maximum: 1 },
    },
  },
} as const;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    loadBalancing: { type: 'boolean' },
    disableLoadBalanceOnWrite: { enum: ['transaction', 'trans_transaction', 'always', 'off', 'dml_adaptive'] },
    dmlAdaptiveDependencies: { type: 'object', additionalProperties: patterns },
    writeFunctions: patterns,
    readOnlyFunctions: patterns,
    primaryRoutingPatterns: patterns,
    statementLevelLoadBalance: { type: 'boolean' },
    redirectPreferences: {
      type: 'object',
      additionalProperties: false,
      properties: { applicationName: redirectRules, database: redirectRules, user: redirectRules },
    },
    delayThreshold: { type: 'integer', minimum: 0 },
    delayThresholdByTime: { type: 'integer', minimum: 0 },
    preferLowerDelayStandby: { type: 'boolean' },
    classificationCacheSize: { type: 'integer', minimum: 1 },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(schema);

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
export function routerConfigFrom(raw: Record<string, unknown>): RouterConfig {
  if (!validate(raw)) throw new RouterConfigError((validate.errors ?? []).map(describe).join('; '));
  const document = raw as Partial<RouterConfig>;
  const defaults = defaultRouterConfig();
  const config = defaultRouterConfig({
    ...document,
    redirectPreferences: { ...defaults.redirectPreferences, ...document.redirectPreferences },
  });
  const problems = checkPatterns(config);
  if (problems.length > 0) throw new RouterConfigError(problems.join('; '));
  return config;
}
