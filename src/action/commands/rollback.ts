import { info } from '../log.js'
import { runContext } from '../context.js'
import { chartHistory, publish } from '../publish.js'
import type { PromotionRecord } from '../../records/types.js'
import { findOwnRollback, ownAttemptWindow, triggersFromRecord } from '../resume.js'
import { reportRollback, type RecordLinks } from '../summary.js'
import { readPolicy, requireRun, type CommandRun } from '../shared.js'
import { parseNamedPaths } from '../../evidence/named-paths.js'
import { GitHubError } from '../../errors.js'
import { declaredMonitoring } from '../../lifecycle/monitoring.js'
import { rollback } from '../../lifecycle/rollback.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { registeredVersions } from '../../registry/state.js'

/** `command: rollback`: the policy's triggers over monitoring data; rolls the stage back once. */
export async function runRollback(run: CommandRun): Promise<void> {
  const { inputs, now } = run
  const { context, services } = await requireRun(run)
  const policy = await readPolicy(inputs, context.workspace, services)
  const stage = inputs.stage ?? policy.stages[policy.stages.length - 1]!
  if (!inputs.dryRun) {
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model), {
      model: inputs.model,
      stages: [stage],
      latest: ownAttemptWindow(context.runAttempt)
    })
    const own = findOwnRollback(tags, { model: inputs.model, stage, runId: context.runId })
    if (own?.record) {
      // A re-run must not roll back a second time: complete the first one's release and status.
      info(`modelgate: ${own.tag} was written by this workflow run; completing its release and status`)
      const history = chartHistory(tags, inputs.model, own.tag)
      const links = await publish(services, context, own.tag, own.record, own.commit, true, history)
      await reportRollback({
        model: inputs.model,
        stage,
        current: own.record.baseline.version ?? '',
        triggers: triggersFromRecord(own.record),
        fired: true,
        rolledBackTo: own.record.version,
        ...(own.record.monitoring_window && { window: own.record.monitoring_window }),
        links,
        history: [...history, own.record]
      })
      return
    }
  }
  const result = await rollback(
    policy,
    {
      model: inputs.model,
      stage,
      monitoring:
        inputs.monitoring.length > 0
          ? parseNamedPaths(inputs.monitoring, 'monitoring')
          : declaredMonitoring(policy, stage, { flag: 'input monitoring:', artifacts: true }),
      dryRun: inputs.dryRun,
      run: runContext(context)
    },
    {
      registry: services.registry,
      // Monitoring paths are explicit (a workspace file or `artifact:<artifact>/<file>`): the
      // policy's `artifact:` for an evidence of the same name describes the promotion's report.
      source: {
        read: (name, spec, path) => {
          const local = { ...spec }
          delete local.artifact
          return services.source.read(name, local, path)
        }
      },
      now
    }
  )
  let links: RecordLinks | undefined
  let history: PromotionRecord[] | undefined
  if (result.tag && result.record && result.rolledBackTo) {
    const tags = await services.registry.listTags(modelTagPrefixes(inputs.model), {
      model: inputs.model,
      stages: [stage],
      versions: [result.rolledBackTo]
    })
    const commit = registeredVersions(tags, inputs.model).get(result.rolledBackTo)?.commit
    if (!commit)
      throw new GitHubError(`rolled back to ${result.rolledBackTo} but cannot find its registered commit`)
    history = chartHistory(tags, inputs.model, result.tag)
    links = await publish(services, context, result.tag, result.record, commit, false, history)
    history = [...history, result.record]
  }
  await reportRollback({
    model: inputs.model,
    stage: result.stage,
    current: result.current,
    triggers: result.triggers,
    fired: result.fired,
    rolledBackTo: result.rolledBackTo,
    window: result.window,
    dryRun: inputs.dryRun,
    ...(links && { links }),
    ...(history && { history })
  })
}
