import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import type { ActionRun, Runner, RunContextEnv } from '../e2e/runner.js'

/*
 * Runs a workflow file's jobs as the GitHub runner would, as far as modelgate is concerned: the
 * file is parsed by GitHub's own parser (`@actions/workflow-parser`, in a `node --import tsx`
 * child because it imports JSON without import attributes), jobs run in `needs` order, a job's
 * `if`/`needs` failures skip its dependants, expressions are evaluated by GitHub's expression
 * engine (`@actions/expressions`) over inputs/github/needs/steps/vars/secrets, and every step that
 * `uses:` modelgate starts the bundled action with the `with:` values as INPUT_* against the
 * simulator. Other steps (`run:`, checkout, upload-artifact) are handed to the test, which plays
 * their part (writing files, uploading artifacts, approving environments).
 */

const exec = promisify(execFile)

/** A YAML value as the parser leaves it: a literal, or `{ type: 3, expr }` for `${{ }}`. */
type TokenValue =
  string | number | boolean | null | { type: number; expr?: string; map?: Entry[]; seq?: TokenValue[] }
interface Entry {
  Key: TokenValue
  Value: TokenValue
}

export interface ParsedWorkflow {
  errors: string[]
  template: {
    jobs: Array<{ id: string; needs?: string[]; environment?: TokenValue; concurrency?: TokenValue }>
  }
  tokens: TokenValue
}

/** Parses files with GitHub's parser (in a child process, see above). */
export async function parseWorkflows(files: readonly string[]): Promise<Record<string, ParsedWorkflow>> {
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', 'test/workflows/parse-workflow.ts', ...files],
    {
      maxBuffer: 64 << 20
    }
  )
  return JSON.parse(stdout) as Record<string, ParsedWorkflow>
}

/** The mapping entry `key` of a token mapping. */
export function field(token: TokenValue | undefined, key: string): TokenValue | undefined {
  if (!token || typeof token !== 'object' || !token.map) return undefined
  return token.map.find((e) => e.Key === key)?.Value
}

export function entries(token: TokenValue | undefined): Array<[string, TokenValue]> {
  if (!token || typeof token !== 'object' || !token.map) return []
  return token.map.map((e) => [String(e.Key), e.Value])
}

export function sequence(token: TokenValue | undefined): TokenValue[] {
  if (!token || typeof token !== 'object' || !token.seq) return []
  return token.seq
}

export type Contexts = Record<string, unknown>

/** Evaluates an expression with GitHub's engine; status functions are resolved by the caller. */
export function evaluateExpression(
  expr: string,
  contexts: Contexts,
  status: { failed: boolean } = { failed: false }
): unknown {
  const withStatus = expr
    .replace(/\bsuccess\(\)/g, status.failed ? 'false' : 'true')
    .replace(/\bfailure\(\)/g, status.failed ? 'true' : 'false')
    .replace(/\balways\(\)/g, 'true')
    .replace(/\bcancelled\(\)/g, 'false')
  const lexed = new Lexer(withStatus).lex()
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), []).parse()
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary
  const result = new Evaluator(parsed, context).evaluate()
  return toPlain(result)
}

function toPlain(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer))
}

/** A `with:`/`env:` value as the runner hands it to a step: always a string. */
export function evaluateValue(value: TokenValue | undefined, contexts: Contexts): string {
  if (value === undefined || value === null) return ''
  if (typeof value !== 'object') return String(value)
  if (value.type === 3 && value.expr !== undefined) {
    const result = evaluateExpression(value.expr, contexts)
    return result === null || result === undefined
      ? ''
      : typeof result === 'string'
        ? result
        : JSON.stringify(result)
  }
  throw new Error(`cannot evaluate ${JSON.stringify(value)}`)
}

export function evaluateCondition(
  value: TokenValue | undefined,
  contexts: Contexts,
  failed: boolean
): boolean {
  if (value === undefined) return !failed
  const expr =
    typeof value === 'object' && value !== null && value.expr !== undefined ? value.expr : String(value)
  return Boolean(evaluateExpression(expr, contexts, { failed }))
}

export interface StepView {
  id: string | undefined
  name: string | undefined
  uses: string | undefined
  run: string | undefined
  with: Record<string, string>
}

export interface JobRecord {
  id: string
  status: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
  steps: Array<{ step: StepView; outcome: 'success' | 'failure' | 'skipped'; run?: ActionRun }>
  concurrency?: { group: string; cancelInProgress: boolean }
  environment?: string
}

export interface WorkflowHooks {
  /** Before a job that names an environment starts: GitHub waits for its reviewers here. */
  beforeJob?(job: { id: string; environment?: string }): Promise<void> | void
  /** A step that is not modelgate: play its part; returns step outputs. */
  otherStep?(
    job: string,
    step: StepView
  ): Promise<Record<string, string> | void> | Record<string, string> | void
}

const MODELGATE_USES = /^(?:<owner>\/modelgate@|\.\/\.modelgate$)/

/**
 * Runs every job of `workflow` in `needs` order. `context` is the run (id, attempt, sha, actor);
 * `inputs`, `github`, `vars` and `secrets` fill the expression contexts.
 */
export async function runWorkflow(
  workflow: ParsedWorkflow,
  options: {
    runner: Runner
    context: RunContextEnv
    contexts: Contexts
    hooks?: WorkflowHooks
  }
): Promise<Record<string, JobRecord>> {
  const jobsToken = field(workflow.tokens, 'jobs')
  const order = workflow.template.jobs
  const done: Record<string, JobRecord> = {}
  const pending = [...order]
  while (pending.length > 0) {
    const index = pending.findIndex((job) => (job.needs ?? []).every((need) => done[need]))
    if (index < 0) throw new Error('a job needs a job that never runs')
    const [job] = pending.splice(index, 1)
    const token = field(jobsToken, job!.id)
    const needs = Object.fromEntries(
      (job!.needs ?? []).map((need) => [need, { result: done[need]!.status, outputs: done[need]!.outputs }])
    )
    const contexts: Contexts = { ...options.contexts, needs, steps: {}, env: {} }
    const record: JobRecord = { id: job!.id, status: 'success', outputs: {}, steps: [] }
    const needsFailed = (job!.needs ?? []).some((need) => done[need]!.status !== 'success')
    if (needsFailed || !evaluateCondition(field(token, 'if'), contexts, false)) {
      record.status = 'skipped'
      done[job!.id] = record
      continue
    }
    const concurrency = field(token, 'concurrency')
    if (concurrency !== undefined)
      record.concurrency = {
        group: evaluateValue(field(concurrency, 'group') ?? concurrency, contexts),
        cancelInProgress:
          evaluateValue(field(concurrency, 'cancel-in-progress') ?? false, contexts) === 'true'
      }
    const environment = field(token, 'environment')
    if (environment !== undefined) record.environment = evaluateValue(environment, contexts)
    await options.hooks?.beforeJob?.({
      id: job!.id,
      ...(record.environment && { environment: record.environment })
    })

    let failed = false
    const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {}
    for (const stepToken of sequence(field(token, 'steps'))) {
      contexts.steps = steps
      const id = field(stepToken, 'id') as string | undefined
      const step: StepView = {
        id,
        name: field(stepToken, 'name') as string | undefined,
        uses: field(stepToken, 'uses') as string | undefined,
        run: typeof field(stepToken, 'run') === 'string' ? (field(stepToken, 'run') as string) : undefined,
        with: {}
      }
      if (!evaluateCondition(field(stepToken, 'if'), contexts, failed)) {
        record.steps.push({ step, outcome: 'skipped' })
        continue
      }
      step.with = Object.fromEntries(
        entries(field(stepToken, 'with')).map(([key, value]) => [key, evaluateValue(value, contexts)])
      )
      let outputs: Record<string, string>
      let outcome: 'success' | 'failure' = 'success'
      let run: ActionRun | undefined
      if (step.uses && MODELGATE_USES.test(step.uses)) {
        run = await options.runner.run(step.with, options.context)
        outputs = run.outputs
        outcome = run.code === 0 ? 'success' : 'failure'
      } else {
        outputs = (await options.hooks?.otherStep?.(job!.id, step)) ?? {}
      }
      record.steps.push({ step, outcome, ...(run && { run }) })
      if (id) steps[id] = { outputs, outcome, conclusion: outcome }
      if (outcome === 'failure') failed = true
    }
    contexts.steps = steps
    record.status = failed ? 'failure' : 'success'
    record.outputs = Object.fromEntries(
      entries(field(token, 'outputs')).map(([key, value]) => [key, evaluateValue(value, contexts)])
    )
    done[job!.id] = record
  }
  return done
}
