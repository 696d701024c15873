import * as core from '@actions/core'
import { info } from '../log.js'
import { requireRun, type CommandRun } from '../shared.js'
import { UsageError } from '../../errors.js'
import { register } from '../../lifecycle/register.js'
import { escapeMarkdown, inlineCode } from '../../records/escape.js'
import { modelTagPrefixes } from '../../registry/gto.js'
import { registeredVersions } from '../../registry/state.js'
import { normalizeVersion } from '../../policy/model-version.js'

/** `command: register`: the registration tag for a version on a commit; a re-run writes nothing twice. */
export async function runRegister(run: CommandRun): Promise<void> {
  const { inputs, now } = run
  const { context, services } = await requireRun(run)
  const version = normalizeVersion(inputs.version)
  const revision = inputs.commit ?? context.sha
  if (!revision) throw new UsageError('input commit is empty and GITHUB_SHA is not set')
  const commit = await services.registry.resolveCommit(revision)
  const tags = await services.registry.listTags(modelTagPrefixes(inputs.model), {
    model: inputs.model,
    stages: [],
    versions: [version],
    allRegistrations: true
  })
  const existing = registeredVersions(tags, inputs.model).get(version)
  let tag = `${inputs.model}@${version}`
  if (inputs.dryRun) {
    info(`modelgate: dry run: would register ${inputs.model} ${version} on ${commit.slice(0, 12)}`)
  } else if (existing && existing.commit === commit) {
    // A re-run registers nothing twice.
    info(`modelgate: ${inputs.model} ${version} is already registered on ${commit.slice(0, 12)}`)
  } else {
    tag = (await register({ model: inputs.model, version, commit }, services.registry, now)).tag
  }
  core.setOutput('decision', inputs.dryRun ? 'none' : 'registered')
  core.setOutput('version', version)
  core.setOutput('tag', inputs.dryRun ? '' : tag)
  const verb = inputs.dryRun ? 'would register (dry run)' : 'registered'
  await core.summary
    .addRaw(
      `### ${escapeMarkdown(inputs.model)} ${inlineCode(version)}: ${verb} on ${inlineCode(commit.slice(0, 12))}\n`,
      true
    )
    .write()
}
