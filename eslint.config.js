// `npm run lint`: typescript-eslint with type information over every package's sources and tests,
// Lit's and web components' rules over the widget, and eslint-config-prettier so formatting is
// prettier's alone (`prettier --check` runs beside it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'examples/**/dist/**', 'packages/receiver/.data/**'] },
  // Generated from custom-elements.json; `npm run typecheck:frameworks` compiles them.
  { ignores: ['packages/widget/types/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'scripts/bench/*.mjs', 'packages/*/*.mjs', 'packages/*/scripts/*.*'] }, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['packages/widget/src/**/*.ts', 'packages/widget/test/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/widget/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
    },
  },
  {
    // chai's assertions are typed as thenables (chai-as-promised) although a plain one is not.
    files: ['packages/widget/test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked, languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  prettier,
);
