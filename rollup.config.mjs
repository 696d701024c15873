import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'

// dist/cli.js is package.json's bin and is committed with mode 755: a fresh build must keep it,
// or the first `npx modelgate` in a clone changes the mode and dirties the work tree.
const executableCli = {
  name: 'executable-cli',
  async writeBundle(options, bundle) {
    if (bundle['cli.js']) await chmod(join(options.dir ?? 'dist', 'cli.js'), 0o755)
  }
}

// One build, four entries sharing chunks: the action (dist/index.js, what action.yml runs),
// the CLI (dist/cli.js, package.json bin), the library (dist/lib.js, package.json exports), and
// the worker script that parses a CSV sample on another thread (dist/csv-worker.js).
/** @type {import("rollup").RollupOptions} */
const config = {
  input: {
    index: 'src/action-main.ts',
    cli: 'src/cli.ts',
    lib: 'src/index.ts',
    'csv-worker': 'src/evidence/columns/csv-worker.ts'
  },
  output: {
    dir: 'dist',
    format: 'es',
    esModule: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '')
  },
  onwarn(warning, warn) {
    // Octokit and the actions toolkit use `this` at module top level and circular imports, and zod
    // carries pure-annotations rollup cannot place: all harmless.
    if (['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'].includes(warning.code ?? ''))
      return
    warn(warning)
  },
  plugins: [
    typescript({ tsconfig: 'tsconfig.json' }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node', 'import', 'default'] }),
    commonjs(),
    json(),
    executableCli
  ]
}

export default config
