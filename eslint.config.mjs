// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Boundaries are enforced here:
 *  - src/shared is pure: no node:*, no electron, no DOM globals.
 *  - the renderer never imports from src/main (types come through src/shared).
 *  - electron is imported only under src/main/electron and src/preload.
 *  - src/main is layered (docs/DEVELOPING.md): a folder imports only folders of
 *    lower layers, never one above it nor a sibling of its own layer, so there
 *    is no cycle between folders. Policy a lower layer needs is injected.
 */

/** src/main's folders, lowest layer first (shared sits below them all). */
const MAIN_LAYERS = [
  ['util', 'net', 'sample'], // plain Node helpers; outbound HTTP; the bundled sample feed (data)
  ['db'], // the connection, schema, migrations
  ['context'], // what every handler module receives (ServiceContext, EventBus)
  ['library'], // papers, tags, notes, settings rows; the one write path for papers
  ['sync', 'search', 'io', 'pdf', 'backup', 'settings', 'daily', 'replication'], // domains
  ['discovery'], // built on the search index's term statistics
  ['service'], // createService(): wires the domains, injects policy
  ['server', 'cli', 'electron'], // doors
];

/** Same-layer imports that are allowed: the CLI's `serve` command starts browser mode. */
const MAIN_SIDEWAYS = { cli: ['server'], net: ['util'] };

const mainBasePatterns = [
  { group: ['**/renderer/**'], message: 'Main does not import renderer code.' },
];
const electronPattern = {
  group: ['electron', 'electron/*'],
  message: 'Only src/main/electron imports electron: everything else runs in plain Node.',
};

function mainLayerRules() {
  return MAIN_LAYERS.flatMap((layer, level) =>
    layer.map((folder) => {
      const above = MAIN_LAYERS.slice(level + 1).flat();
      const sideways = layer.filter(
        (other) => other !== folder && !(MAIN_SIDEWAYS[folder] ?? []).includes(other),
      );
      const patterns = [...mainBasePatterns];
      if (folder !== 'electron') patterns.push(electronPattern);
      if (above.length > 0) {
        patterns.push({
          regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
          message: `src/main/${folder} is below ${above.join(', ')}: layers point down only (docs/DEVELOPING.md). Inject what it needs instead.`,
        });
      }
      if (sideways.length > 0) {
        patterns.push({
          regex: `^(\\.\\./)+(${sideways.join('|')})(/|$)`,
          message: `src/main/${folder} does not import its sibling layers (${sideways.join(', ')}): move the shared part down or inject it.`,
        });
      }
      return {
        files: [`src/main/${folder}/**/*.ts`],
        rules: { 'no-restricted-imports': ['error', { patterns }] },
      };
    }),
  );
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'build/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: [
      'src/main/**/*.ts',
      'src/preload/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*',
      '*.config.*',
      'bin/**/*',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The bin shim is plain CommonJS so it runs on any Node without a loader.
    files: ['bin/**/*.js', 'scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'child_process'],
              message: 'src/shared is pure: no Node modules.',
            },
            { group: ['electron', 'electron/*'], message: 'src/shared is pure: no electron.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared depends on nothing else in src.',
            },
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
              message: 'src/shared is pure: no UI.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        '__dirname',
        'require',
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/src/main/*'],
              message: 'The renderer talks to main only through the LibraryApi (src/shared).',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'The renderer runs in a browser: no Node modules.',
            },
            {
              group: ['electron', 'electron/*'],
              message:
                'The renderer never imports electron; the preload exposes window.papershelf.',
            },
          ],
        },
      ],
    },
  },
  {
    // Files directly in src/main (there should be none: each belongs to a layer).
    files: ['src/main/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...mainBasePatterns, electronPattern] }],
    },
  },
  ...mainLayerRules(),
);
