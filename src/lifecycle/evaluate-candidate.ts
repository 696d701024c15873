import { UsageError } from '../errors.js'
import { evaluate } from '../gates/evaluate.js'
import type { Decision } from '../gates/types.js'
import { findTransition, modelMatches } from '../policy/transitions.js'
import type { Policy } from '../policy/types.js'
import type { RegistryBackend } from '../registry/types.js'
import { prepareEvaluation, type EvaluationDeps, type EvaluationOptions } from './evaluate-flow.js'
import { needsBaseline, planPromotion, type PlanDeps, type PromotionPlan } from './plan.js'

export interface CandidateDeps extends EvaluationDeps {
  /** The registry: when given, the decision is exactly `promote --dry-run`'s. */
  registry?: RegistryBackend
  checksFor?: PlanDeps['checksFor']
}

export interface CandidateEvaluation {
  decision: Decision
  unavailable: Map<string, string>
  /** The promotion plan, when the registry was read. */
  plan?: PromotionPlan
}

/**
 * `evaluate`: with a registry, the very plan `promote` makes (registered version, from-stage,
 * canary hold, the baseline version and its recorded values) without writing; without one, the
 * gates on the evidence alone — allowed only when no gate compares with a baseline the caller did
 * not name, so a missing registry never turns a baseline comparison into "skipped".
 */
export async function evaluateCandidate(
  policy: Policy,
  options: EvaluationOptions,
  deps: CandidateDeps
): Promise<CandidateEvaluation> {
  if (!modelMatches(policy, options.model))
    throw new UsageError(`model "${options.model}" is not governed by this policy (model: ${policy.model})`)
  if (deps.registry) {
    const plan = await planPromotion(policy, options, { ...deps, registry: deps.registry })
    return { decision: plan.decision, unavailable: plan.unavailable, plan }
  }
  const transition = findTransition(policy, options.to, options.from)
  const baselineNamed = options.baselineVersion !== undefined || (options.baselineEvidence?.size ?? 0) > 0
  if (needsBaseline(transition) && !baselineNamed) {
    const gate = transition.gates.find(
      (g) => g.kind === 'schema_compatible' || (g.kind === 'metric' && g.vs_baseline)
    )!
    throw new UsageError(
      `gate ${gate.id} compares with the version in the baseline stage, which is read from the registry: run in the model's git repository or give --registry DIR (CLI), run inside a GitHub Actions run (action), or name the baseline with --baseline-version V / --no-baseline`
    )
  }
  const { input, unavailable } = await prepareEvaluation(policy, options, deps)
  return { decision: evaluate(input), unavailable }
}
