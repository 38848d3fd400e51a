import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.pgtopo/', 'bench/results/', 'schemas/topology.ts', 'proxy/config/proxy-config-validators.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
