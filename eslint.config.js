// ESLint 9 flat config: type-aware typescript-eslint rules for the TypeScript the type check covers,
// the rules of hooks for the React components, and eslint-config-prettier last so that formatting
// is Prettier's alone (`npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'bench/.scratch/**'] },
  js.configs.recommended,
  {
    // The worker declares `let store` first so that callbacks made before it exists can refer to it.
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks what is left out on purpose (a parameter an interface requires, a key taken out of a rest spread).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Callbacks are declared with method syntax (`onChange(v): void`) and passed around unbound, as are Redux's
      // dispatch and getState; none of them reads `this` (the only class, ProviderError, is never taken apart).
      '@typescript-eslint/unbound-method': 'off',
      // Command handlers and platform fakes implement async interfaces: `async` without `await` keeps a throw a
      // rejection, which is what their callers handle.
      '@typescript-eslint/require-await': 'off',
      // From the strict set, what the code already meets or nearly does.
      '@typescript-eslint/no-unnecessary-boolean-literal-compare': 'error',
      '@typescript-eslint/prefer-reduce-type-parameter': 'error',
    },
  },
  {
    // In tests, Vitest's asymmetric matchers (expect.stringContaining…) and the recorded Redux actions
    // are `any` by their libraries' types; reading them is what a test does.
    files: ['**/*.test.{ts,tsx}', 'tests/**/*.ts', 'server/test/**/*.ts'],
    rules: {
      // Response bodies parsed in tests (`res.json()`, light-my-request's) are `any` by their types.
      '@typescript-eslint/no-unsafe-call': 'off',
      // Tests handle untyped shapes on purpose: JSON replies, deliberately malformed patches and messages.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.tsx', 'components/**/*.ts'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // Vitest helpers named use… (useFakeLlmServer, useTestEngines) register the runner's before/after
    // hooks at a file's top level; they are not React hooks.
    files: ['**/*.test.tsx'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // Node scripts, the benchmarks and the test server. They run in Node and, inside page.evaluate,
    // in the browser, with no type check: the TypeScript rules do not apply, nor no-undef, which
    // would need each environment's globals spelled out.
    files: ['**/*.{js,mjs}'],
    rules: { 'no-undef': 'off' },
  },
  prettier,
);
