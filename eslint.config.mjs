import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noRawScopedQueries from './platform/libs/tenancy/eslint/no-raw-scoped-queries.js';

// Service code and the rule's fixtures: raw queries on tenant or buyer data only inside repositories (ADR 0022).
// The rule reads types, so these files are linted with type information.
const SCOPED_DATA_FILES = ['tenant-services/*/src/**/*.ts', 'platform/libs/tenancy/eslint/fixtures/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.stack/**',
      '**/.angular/**',
      'coverage/**',
      // Generated from the OpenAPI document by `pnpm --filter @marketplace/sdk generate`.
      'platform/sdk/src/generated/**',
      // Deliberate violations; the rule's test lints them with --no-ignore.
      'platform/libs/tenancy/eslint/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: SCOPED_DATA_FILES,
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { marketplace: { rules: { 'no-raw-scoped-queries': noRawScopedQueries } } },
    rules: { 'marketplace/no-raw-scoped-queries': 'error' },
  },
  {
    // Plain Node scripts and configs (CommonJS or ESM).
    files: ['**/*.{js,mjs,cjs}'],
    // The storefront's scripts declare their globals in a `/* global */` comment.
    ignores: ['storefront/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // CommonJS files load their dependencies with require().
    files: ['**/*.cjs', 'jest.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'bench/**/*.ts', '**/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
