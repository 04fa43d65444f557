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
const ENGINE_MESSAGE =
  'src/engine runs headless (CLI, workers, tests): no React, no canvas, no storage adapter (those live in src/storage and src/server/store).';
const CODEMIRROR_MESSAGE =
  'CodeMirror loads lazily: import it only in src/canvas/inspector/code/, which CodeField loads with import().';
const PROTOCOL_MESSAGE =
  'src/protocol is the engine boundary for every transport (worker, HTTP): pure zod and types, no DOM, Comlink, Dexie or UI.';
const IMPORT_MESSAGE =
  'src/import is pure (CLI and app alike): no React, DOM, storage, canvas, worker or engine runtime.';
const SERVER_MESSAGE = 'src/server runs in Node (aios serve, aios worker): no UI.';
const CODEMIRROR_PACKAGES = [
  '@codemirror/commands',
  '@codemirror/lang-javascript',
  '@codemirror/lang-liquid',
  '@codemirror/language',
  '@codemirror/lint',
  '@codemirror/state',
  '@codemirror/view',
  '@lezer/highlight',
];
const NODES_MESSAGE =
  'Node definitions stay UI-free: put React code in the node folder View.tsx instead.';

const UI_PACKAGES = ['react', 'react-dom', '@xyflow/react', '@xyflow/system'];

/** What runs flows in Node (the CLI, the server): the engine and everything it is composed of. */
const RUNTIME = [
  'nodes',
  'engine',
  'flow',
  'agents',
  'memory',
  'capabilities',
  'policy',
  'protocol',
];

/**
 * The layer matrix: each folder of src/, the folders of ours it may import, and the packages it
 * may not. A folder missing here has no rule yet: give it a row. Tests may import anything.
 * @type {Record<string, { allow: string[], packages?: string[], message: string }>}
 */
const LAYERS = {
  flow: {
    allow: [],
    packages: [...UI_PACKAGES, 'dexie', 'comlink', '@huggingface/transformers'],
    message: FLOW_MESSAGE,
  },
  engine: { allow: ['flow'], packages: [...UI_PACKAGES, 'dexie'], message: ENGINE_MESSAGE },
  policy: { allow: ['flow'], packages: UI_PACKAGES, message: 'src/policy decides from data only.' },
  secrets: { allow: ['flow'], packages: UI_PACKAGES, message: 'src/secrets is the vault only.' },
  storage: {
    allow: ['flow', 'engine'],
    packages: UI_PACKAGES,
    message: 'src/storage keeps flows and runs in IndexedDB.',
  },
  memory: {
    allow: ['engine'],
    packages: UI_PACKAGES,
    message: 'src/memory implements the engine memory port.',
  },
  agents: {
    allow: ['engine', 'flow'],
    packages: UI_PACKAGES,
    message: 'src/agents implements the engine contract.',
  },
  capabilities: {
    allow: ['engine', 'flow', 'policy'],
    packages: UI_PACKAGES,
    message: 'src/capabilities implements the engine contract.',
  },
  nodes: {
    allow: ['engine', 'capabilities', 'agents', 'policy', 'flow'],
    packages: UI_PACKAGES,
    message: NODES_MESSAGE,
  },
  protocol: {
    allow: ['engine', 'flow', 'agents', 'secrets'],
    packages: [...UI_PACKAGES, 'dexie', 'comlink', 'ai'],
    message: PROTOCOL_MESSAGE,
  },
  worker: {
    allow: [
      'protocol',
      'nodes',
      'engine',
      'flow',
      'agents',
      'memory',
      'secrets',
      'capabilities',
      'policy',
      'storage',
    ],
    packages: UI_PACKAGES,
    message: 'src/worker hosts the engine: no UI.',
  },
  import: {
    allow: ['flow', 'nodes'],
    packages: [...UI_PACKAGES, 'dexie', 'comlink'],
    message: IMPORT_MESSAGE,
  },
  server: {
    allow: [...RUNTIME, 'secrets'],
    packages: UI_PACKAGES,
    message: SERVER_MESSAGE,
  },
  cli: {
    allow: ['server', 'import', ...RUNTIME],
    packages: UI_PACKAGES,
    message: 'src/cli runs in Node: no UI.',
  },
  canvas: {
    allow: [
      'worker',
      'protocol',
      'import',
      'nodes',
      'flow',
      'engine',
      'capabilities',
      'memory',
      'secrets',
      'storage',
    ],
    message: 'src/canvas reaches the engine through src/worker/client.ts and the protocol.',
  },
};

/**
 * `no-restricted-imports` options for a layer: its own bans and CodeMirror's, in one list.
 * @param {{ packages?: string[], message: string }} layer
 * @param {boolean} withCodeMirror
 */
function packageRule(layer, withCodeMirror) {
  const parts = [
    ...(layer.packages?.length ? [restrictPackages(layer.packages, layer.message)[1]] : []),
    ...(withCodeMirror ? [restrictPackages(CODEMIRROR_PACKAGES, CODEMIRROR_MESSAGE)[1]] : []),
  ];
  return [
    'error',
    {
      paths: parts.flatMap((p) => p.paths),
      patterns: parts.flatMap((p) => p.patterns),
    },
  ];
}

/** One block per layer (and the CodeMirror folder, which may import CodeMirror). */
function layerBlocks() {
  const names = Object.keys(LAYERS);
  return Object.entries(LAYERS).flatMap(([name, layer]) => {
    const denied = names.filter((other) => other !== name && !layer.allow.includes(other));
    const paths =
      denied.length > 0
        ? {
            'import-x/no-restricted-paths': restrictFolders(
              `./src/${name}`,
              denied.map((d) => `./src/${d}`),
              layer.message,
            ),
          }
        : {};
    const code = name === 'canvas' ? ['src/canvas/inspector/code/**'] : [];
    return [
      {
        files: [`src/${name}/**`],
        ignores: [...TEST_FILES, ...code],
        rules: { 'no-restricted-imports': packageRule(layer, true), ...paths },
      },
      ...code.map((folder) => ({
        files: [folder],
        ignores: TEST_FILES,
        rules: { 'no-restricted-imports': packageRule(layer, false), ...paths },
      })),
    ];
  });
}

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
      // A switch over a union names every member, or says what the rest do with a default.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, allowDefaultCaseForExhaustiveSwitch: true },
      ],
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

  // Layering: one generated block per folder (see LAYERS), after which nothing may set these
  // rules again for src/ (flat config replaces a rule's options, it does not merge them).
  ...layerBlocks(),
  {
    files: ['src/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictPackages(CODEMIRROR_PACKAGES, CODEMIRROR_MESSAGE) },
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
    files: ['src/protocol/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'self', 'postMessage', 'indexedDB', 'localStorage'].map(
          (name) => ({ name, message: PROTOCOL_MESSAGE }),
        ),
      ],
    },
  },
);
