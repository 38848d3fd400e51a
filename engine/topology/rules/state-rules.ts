import type { StateSettings } from '../../../schemas/topology.ts';
import type { Rule, RuleContext } from './rule.ts';

/** Settings of one state backend need that backend, and each backend needs its own settings. */
export const stateRules: Rule = (context) => {
  const state = context.topology.state;
  if (!state) return;
  const backend = state.backend ?? 'local';
  if (backend === 'postgres') postgresRules(context, state);
  if (backend === 's3') s3Rules(context, state);
  if (backend !== 'postgres' && (state.connection || state.table)) {
    context.warn(['state'], '`connection` and `table` only apply to the postgres state backend', 'set `backend: postgres` or remove them');
  }
  const s3Only = (['bucket', 'key', 'region', 'kmsKeyId', 'forcePathStyle'] as const).filter((name) => state[name] !== undefined);
  if (backend !== 's3' && s3Only.length > 0) {
    context.warn(['state'], `${s3Only.map((name) => `\`${name}\``).join(', ')} only apply to the s3 state backend`, 'set `backend: s3` or remove them');
  }
};

function postgresRules(context: RuleContext, state: StateSettings): void {
  if (!state.connection) {
    context.error(['state'], 'the postgres state backend needs a `connection`', 'add `connection: { fromEnv: PGTOPO_STATE_URL }`');
  }
  if (state.connection?.fromSecret) {
    context.error(['state', 'connection', 'fromSecret'], 'the state connection cannot come from a Kubernetes Secret: pgtopo reads it before it talks to any cluster',
      'use `fromEnv` or `fromFile`');
  }
}

function s3Rules(context: RuleContext, state: StateSettings): void {
  const missing = (['bucket', 'key'] as const).filter((name) => !state[name]);
  if (missing.length > 0) {
    context.error(['state'], `the s3 state backend needs ${missing.map((name) => `\`${name}\``).join(' and ')}`,
      'add `bucket: my-bucket, key: pgtopo/<topology>.json`');
  }
  for (const suffix of ['.lock', '.key']) {
    if (state.key?.endsWith(suffix)) {
      context.error(['state', 'key'], `the state key cannot end in ${suffix}: pgtopo keeps the ${suffix === '.lock' ? 'lock' : 'digest key'} in \`<key>${suffix}\``, 'use e.g. `pgtopo/shop.json`');
    }
  }
}
