// The repo's one lint configuration: typescript-eslint's recommended rules over our TypeScript, and
// the allowed import directions (tools/layers.json) as no-restricted-imports, so a wrong-way import
// fails in the editor and in `npm test`. tests/structure.test.ts checks the same table on the
// resolved import graph, and also finds cycles, which a per-file rule cannot.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = JSON.parse(readFileSync(new URL('./tools/layers.json', import.meta.url), 'utf8'));

/** A regex over an import specifier that names folder `f` of the compiler from a sibling folder. */
const folderRe = (f) => `^(\\.\\./)+${f.replace('/', '\\/')}(\\/|$)`;

/** The packages of ours the compiler may import (the contract only), without their `@ingot/` scope. */
const compilerPackages = layers.packages['@ingot/compiler'].imports.map((i) => i.slice('@ingot/'.length));

const compilerBoundaries = Object.entries(layers.compiler.folders).map(([folder, allowed]) => {
  const forbidden = Object.keys(layers.compiler.folders).filter((f) => f !== folder && !allowed.includes(f));
  const privates = Object.entries(layers.compiler.private)
    .filter(([, users]) => !users.includes(folder))
    .map(([p]) => p);
  return {
    files: [`${layers.compiler.root}/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((f) => ({
              regex: folderRe(f),
              message: `compiler/${folder} may import only ${allowed.join(', ') || 'nothing of the compiler'} (tools/layers.json).`,
            })),
            ...privates.map((p) => ({
              regex: `(^|/)${p.replace('/', '\\/')}(\\/|$)`,
              message: `${p} is private to ${layers.compiler.private[p].join(', ')} (tools/layers.json).`,
            })),
            {
              regex: `^@ingot/(?!(${compilerPackages.join('|') || '$^'})(/|$))`,
              message: `the compiler imports no package of ours but ${layers.packages['@ingot/compiler'].imports.join(', ') || 'none'} (tools/layers.json).`,
            },
          ],
        },
      ],
    },
  };
});

const packageBoundaries = Object.entries(layers.packages)
  .filter(([name]) => name !== '@ingot/compiler')
  .map(([name, { dir, imports }]) => ({
    files: [`${dir}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^@ingot/(?!(${imports.map((i) => i.slice('@ingot/'.length)).join('|') || '$^'})(/|$))`,
              message: `${name} may import only ${imports.join(', ') || 'no package of ours'} (tools/layers.json).`,
            },
          ],
        },
      ],
    },
  }));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'bindings-templates/**',
      'examples/**',
      'bench/**',
      'native-rust/**',
      'targets/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Lazy `require` keeps optional heavy packages (the generators, the server) out of a plain compile.
      '@typescript-eslint/no-require-imports': 'off',
      // A named interface that only extends another is a deliberate public name (the server's HybridFetch).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Tests match rendered output (diagnostics, generated code) literally, with its exact spaces.
      'no-regex-spaces': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read JSON bodies and generated modules whose shape they are checking.
    files: ['tests/**/*.ts', 'packages/**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...compilerBoundaries,
  ...packageBoundaries,
);
