import tseslint from 'typescript-eslint';
import rule from './platform/libs/tenancy/eslint/no-raw-scoped-queries.js';
export default tseslint.config({
  files: ['**/*.ts'],
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
  },
  plugins: { m: { rules: { r: rule } } },
  rules: { 'm/r': 'error' },
});
