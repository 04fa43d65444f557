// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/**
 * Package imports a layer may not use. Each name also bans its subpaths
 * (`react/jsx-runtime`, `@xyflow/react/dist/style.css`, ...).
 * @param {string[]} names
 * @param {string} message
 */
function restrictPackages(names, message) {
  return [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: [{ group: names.map((name) => `${name}/*`), message }],
    },
  ];
}

/**
 * Project folders a layer may not import from, checked on the resolved path, so relative,
 * absolute and `.ts`-suffixed specifiers are all caught.
 * @param {string} target
 * @param {string[]} from
 * @param {string} message
 */
function restrictFolders(target, from, message) {
  return [
    'error',
    {
      basePath: root,
      zones: from.map((dir) => ({ target, from: dir, message })),
    },
  ];
}

// Layer rules bind the shipped code; unit tests may pull fixtures from other layers.
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];

const FLOW_MESSAGE =
  'src/flow is the pure, portable flow model: no engine, nodes, canvas, UI, storage or ML imports.';
const ENGINE_MESSAGE = 'src/engine runs headless (CLI, workers, tests): no React, no canvas.';
const CODEMIRROR_MESSAGE =
  'CodeMirror loads lazily: import it only in src/canvas/inspector/code/, which CodeField loads with import().';
const IMPORT_MESSAGE =
  'src/import is pure (CLI and app alike): no React, DOM, storage, canvas, worker or engine runtime.';
const NODES_MESSAGE =
  'Node definitions stay UI-free: put React code in the node folder View.tsx instead.';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'public/',
      'playwright-report/',
      'test-results/',
      'coverage/',
      '.bench-out/',
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    plugins: {
      'import-x': importX,
    },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs'],
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.json'],
          extensionAlias: {
            '.js': ['.ts', '.tsx', '.js'],
            '.mjs': ['.mts', '.mjs'],
          },
          conditionNames: ['types', 'import', 'module', 'browser', 'default'],
        }),
      ],
    },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'off',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },

  // Plain JavaScript files (this config, bin/ scripts) are not part of tsconfig.json.
  {
    files: ['**/*.{js,mjs,cjs,jsx}'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },

  // React rules for the app.
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  // CodeMirror stays out of the main bundle: only the lazily loaded editor folder imports it.
  {
    files: ['src/**'],
    ignores: ['src/canvas/inspector/code/**'],
    rules: {
      'no-restricted-imports': restrictPackages(
        [
          '@codemirror/commands',
          '@codemirror/lang-javascript',
          '@codemirror/lang-liquid',
          '@codemirror/language',
          '@codemirror/lint',
          '@codemirror/state',
          '@codemirror/view',
          '@lezer/highlight',
        ],
        CODEMIRROR_MESSAGE,
      ),
    },
  },

  // Layering.
  {
    files: ['src/flow/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': restrictPackages(
        [
          'react',
          'react-dom',
          'dexie',
          'comlink',
          '@xyflow/react',
          '@xyflow/system',
          '@huggingface/transformers',
        ],
        FLOW_MESSAGE,
      ),
      'import-x/no-restricted-paths': restrictFolders(
        './src/flow',
        ['./src/engine', './src/nodes', './src/canvas'],
        FLOW_MESSAGE,
      ),
    },
  },
  {
    files: ['src/import/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': restrictPackages(
        ['react', 'react-dom', 'dexie', 'comlink', '@xyflow/react', '@xyflow/system'],
        IMPORT_MESSAGE,
      ),
      'import-x/no-restricted-paths': restrictFolders(
        './src/import',
        ['./src/canvas', './src/worker', './src/cli', './src/engine', './src/storage'],
        IMPORT_MESSAGE,
      ),
    },
  },
  {
    files: ['src/engine/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': restrictPackages(
        ['react', 'react-dom', '@xyflow/react', '@xyflow/system'],
        ENGINE_MESSAGE,
      ),
      'import-x/no-restricted-paths': restrictFolders(
        './src/engine',
        ['./src/canvas', './src/nodes', './src/worker', './src/cli'],
        ENGINE_MESSAGE,
      ),
    },
  },
  {
    // Time and the network reach the engine through injected services, so tests control them.
    files: ['src/engine/**'],
    ignores: ['src/engine/clock.ts', ...TEST_FILES],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'use the injected Clock' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'use services.fetch' },
        { name: 'setInterval', message: 'use the injected Clock' },
        { name: 'setTimeout', message: 'use the injected Clock' },
      ],
    },
  },
  {
    files: ['src/nodes/**'],
    ignores: ['src/nodes/**/View.tsx', ...TEST_FILES],
    rules: {
      'no-restricted-imports': restrictPackages(
        ['react', 'react-dom', '@xyflow/react', '@xyflow/system'],
        NODES_MESSAGE,
      ),
      'import-x/no-restricted-paths': restrictFolders(
        './src/nodes',
        ['./src/canvas'],
        NODES_MESSAGE,
      ),
    },
  },
);
