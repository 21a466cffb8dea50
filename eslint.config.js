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
      // TypeScript outside every tsconfig (the contract script, the analyzer plugin's types) through
      // the default project, with the base tsconfig's strict options; JavaScript is linted without
      // types (below).
      parserOptions: {
        projectService: {
          allowDefaultProject: ['scripts/*.ts', 'scripts/*.d.mts', 'packages/*/scripts/*.d.mts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // The inbox's elements are Lit too.
    files: ['packages/widget/src/**/*.ts', 'packages/widget/test/**/*.ts', 'packages/receiver/src/inbox/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/widget/src/**/*.ts', 'packages/receiver/src/inbox/**/*.ts'],
    ...wc.configs['flat/best-practice'],
  },
  {
    files: ['packages/widget/src/**/*.ts', 'packages/receiver/src/inbox/**/*.ts'],
    rules: {
      // No `.bind(this)` in a template: Lit already calls a listener with the element as `this`,
      // and a bound copy is a new listener on every render.
      'lit/no-template-bind': 'error',
      'lit/lifecycle-super': 'error',
      'lit/no-classfield-shadowing': 'error',
      'lit/no-native-attributes': 'error',
      'lit/no-legacy-imports': 'error',
      'lit/no-invalid-escape-sequences': 'error',
      'lit/no-useless-template-literals': 'error',
      // Styles are static `css` (adopted stylesheets), so a strict CSP needs no nonce.
      'lit/prefer-static-styles': 'error',
      'lit/value-after-constraints': 'error',
    },
  },
  {
    // The inbox passes its private methods to templates (`@click=${this.ask}`); Lit calls a
    // template's listener with the element as `this`, so that is Lit's own idiom, not an unbound
    // call, and unbound-method cannot tell a template from other code. (The widget's handlers are
    // arrow-function fields, so the rule stays on there.)
    files: ['packages/receiver/src/inbox/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // `interface HTMLElementEventMap extends SignaalEventMap {}` in `declare global` merges the
      // elements' events into the DOM's map: an empty interface extending one other is that idiom.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `const { id: _id, ...rest } = row` leaves a field out of a copy; the named one is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // An empty setting, claim or field counts as absent: `value || undefined` and
      // `Boolean(a || b)` over strings say exactly that, where `??` would keep ''.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true }, ignoreBooleanCoercion: true }],
    },
  },
  {
    // chai's assertions are typed as thenables (chai-as-promised) although a plain one is not.
    files: ['packages/widget/test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // Scripts, configs and fixtures in plain JavaScript: linted without type information. The
    // parser options of disableTypeChecked must survive the globals added here.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
