// ESLint (flat config): typescript-eslint's recommended rules, no import cycles, and the layer rule
// of docs/architecture.md — the core never imports a vendor or a simulator; only the composition
// root (src/app.ts) lists them. Formatting is Prettier's (npm run format:check).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Files allowed to import vendors and simulators: the vendors, the simulators, the composition root. */
const OUTSIDE_CORE = ['src/vendors/**', 'src/sandbox/**', 'src/app.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'src/generated/**', 'examples/client/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts'],
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Tests and simulators read loosely typed JSON; the gateway's own code keeps `any` out.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: OUTSIDE_CORE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(vendors|sandbox)(/|$)',
              message:
                'The core never imports a vendor or a simulator: the composition root (src/app.ts) hands them over (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/vendors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)sandbox(/|$)',
              message: 'A vendor never imports a simulator: production code loads no simulator code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)vendors(/|$)',
              message:
                'A simulator depends only on the sandbox framework, never on the vendor client it stands in for.',
            },
          ],
        },
      ],
    },
  },
);
