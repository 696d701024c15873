/**
 * Parses workflow files with GitHub's own parser (`@actions/workflow-parser`, the library behind
 * the official VS Code extension) and prints, per file, its errors and the converted workflow
 * template as JSON. Run with `node --import tsx`: the parser imports its JSON schemas without
 * import attributes, which plain Node refuses and tsx accepts.
 *
 *   node --import tsx test/workflows/parse-workflow.ts FILE...
 */
import { readFileSync } from 'node:fs'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'

const results: Record<string, unknown> = {}
for (const name of process.argv.slice(2)) {
  const trace = new NoOperationTraceWriter()
  const parsed = parseWorkflow({ name, content: readFileSync(name, 'utf8') }, trace)
  const errors = parsed.context.errors.getErrors().map((e) => e.message)
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined
  results[name] = {
    errors: [...errors, ...(template?.errors ?? []).map((e) => e.Message)],
    // The converted template (jobs in order, needs, environments, concurrency) drops each step's
    // `with:`; the parsed token tree keeps it, expressions as `{ type: 3, expr }`.
    template: template && JSON.parse(JSON.stringify(template)),
    tokens: parsed.value && JSON.parse(JSON.stringify(parsed.value))
  }
}
process.stdout.write(JSON.stringify(results))
