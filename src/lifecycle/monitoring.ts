import { UsageError } from '../errors.js'
import type { Policy } from '../policy/types.js'

const MONITORING_FORMATS = new Set(['timeseries', 'prometheus'])

/**
 * The monitoring a rollback watch reads when none is named on the command line or in the
 * action's input: for each trigger of the stage's rollback plan, the policy's evidence of that
 * name, when it is declared as `timeseries` or `prometheus` with a path (`artifact:<a>/<path>`
 * when it lives in a workflow artifact). A trigger whose evidence is not declared that way is an
 * error that says what to give, never a trigger silently left out.
 */
export function declaredMonitoring(
  policy: Policy,
  stage: string,
  { flag = '--monitoring', artifacts = false }: { flag?: string; artifacts?: boolean } = {}
): Map<string, string> {
  const plan = policy.transitions.find((t) => t.to === stage && t.rollback)?.rollback
  const monitoring = new Map<string, string>()
  for (const trigger of plan?.when ?? []) {
    const name = trigger.metric.split('.')[0]!
    if (monitoring.has(name)) continue
    const spec = policy.evidence[name]
    if (!spec || !spec.path || !MONITORING_FORMATS.has(spec.format)) {
      throw new UsageError(
        `rollback trigger ${trigger.metric} reads monitoring "${name}", which the policy does not declare as timeseries or prometheus evidence with a path; declare it (evidence: { ${name}: { format: prometheus, path: FILE } }) or give ${flag} ${name}=FILE`,
        { file: policy.source?.path, path: `evidence.${name}` }
      )
    }
    if (spec.artifact && !artifacts)
      throw new UsageError(
        `monitoring "${name}" comes from artifact "${spec.artifact}"; outside GitHub Actions give ${flag} ${name}=FILE`,
        { file: policy.source?.path, path: `evidence.${name}` }
      )
    monitoring.set(name, spec.artifact ? `artifact:${spec.artifact}/${spec.path}` : spec.path)
  }
  return monitoring
}
