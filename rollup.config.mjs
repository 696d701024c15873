import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
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

/**
 * Start-up weight the action never uses: @actions/core's OIDC helper (`getIDToken`) imports
 * @actions/http-client and with it undici (~1 MB of the start-up chunk), and its `platform`
 * namespace imports @actions/exec and @actions/io. modelgate asks for neither, so both modules
 * are replaced by stubs that fail loudly if that ever changes. Measured: the action's local
 * `evaluate` went from 2.6x to under 2x a bare `node -e 0` (`npm run bench`).
 */
const STUBS = {
  'oidc-utils.js':
    'export class OidcClient { static getIDToken() { throw new Error("modelgate bundles no OIDC client") } }',
  'platform.js':
    'const unused = () => { throw new Error("modelgate bundles no @actions/core platform details") }\n' +
    'export const platform = process.platform\nexport const arch = process.arch\n' +
    'export const isWindows = platform === "win32"\nexport const isMacOS = platform === "darwin"\n' +
    'export const isLinux = platform === "linux"\nexport const getDetails = unused'
}
const unusedActionsModules = {
  name: 'unused-actions-modules',
  resolveId(source, importer) {
    if (!importer || !/[\\/]@actions[\\/]core[\\/]lib[\\/]/.test(importer)) return null
    const file = source.replace(/^\.\//, '')
    return Object.hasOwn(STUBS, file) ? `\0stub:${file}` : null
  },
  load(id) {
    return id.startsWith('\0stub:') ? STUBS[id.slice('\0stub:'.length)] : null
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
    unusedActionsModules,
    typescript({ tsconfig: 'tsconfig.json' }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node', 'import', 'default'] }),
    commonjs(),
    json(),
    // Smaller chunks parse faster at every cold start; names are kept for readable stack traces.
    terser({ compress: { passes: 1 }, mangle: false, format: { comments: false } }),
    executableCli
  ]
}

export default config
