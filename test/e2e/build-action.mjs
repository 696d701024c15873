#!/usr/bin/env node
/**
 * Bundles every entry of rollup.config.mjs (action, CLI, library, CSV worker) from the CURRENT sources into a directory, so the
 * end-to-end tests exercise what is in the tree rather than a possibly stale dist/. Same plugins
 * as rollup.config.mjs, except TypeScript is only transpiled (tsc type-checks separately), which
 * keeps the build to a few seconds.
 *
 *   node test/e2e/build-action.mjs <output dir> [--minify]
 *
 * Minification (terser, as the release build does) is left out unless asked for: it takes most of
 * the build's time, and the tests exercise behaviour, not size. The cold-start bench asks for it.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { rollup } from 'rollup'
import ts from 'typescript'
import config from '../../rollup.config.mjs'

const outDir = process.argv[2]
const minify = process.argv.includes('--minify')
if (!outDir) {
  process.stderr.write('usage: node test/e2e/build-action.mjs <output dir>\n')
  process.exit(2)
}

/** `import './x.js'` in TypeScript sources means `./x.ts`; transpile each module on its own. */
const transpile = {
  name: 'transpile-typescript',
  resolveId(source, importer) {
    if (!importer || !importer.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js'))
      return null
    const candidate = resolve(dirname(importer), source.replace(/\.js$/, '.ts'))
    return existsSync(candidate) ? candidate : null
  },
  async load(id) {
    if (!id.endsWith('.ts')) return null
    const { outputText, sourceMapText } = ts.transpileModule(await readFile(id, 'utf8'), {
      fileName: id,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        sourceMap: true,
        isolatedModules: true
      }
    })
    return { code: outputText, map: sourceMapText }
  }
}

// Every entry of the release build (action, CLI, library, CSV worker): one build serves the e2e
// tests of the action and the subprocess tests of the CLI.
const bundle = await rollup({
  input: config.input,
  onwarn(warning, warn) {
    if (warning.code === 'INVALID_ANNOTATION') return
    config.onwarn(warning, warn)
  },
  plugins: [
    transpile,
    ...config.plugins.filter((plugin) => plugin.name !== 'typescript' && (minify || plugin.name !== 'terser'))
  ]
})
await bundle.write({ ...config.output, dir: outDir })
await bundle.close()
