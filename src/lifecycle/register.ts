import { RegistryError } from '../errors.js'
import { assertModelName, modelTagPrefixes, registrationTag } from '../registry/gto.js'
import { registeredVersions } from '../registry/state.js'
import type { RegistryBackend } from '../registry/types.js'
import { normalizeVersion } from '../policy/model-version.js'

export interface RegisterOptions {
  model: string
  version: string
  /** Revision of the commit that produced the model; default HEAD. */
  commit?: string
  /** Lineage facts to keep in the tag message (model digest, data snapshot…). */
  lineage?: Record<string, unknown>
}

export interface RegisterResult {
  tag: string
  version: string
  commit: string
}

/** `<model>@v<semver>` on the model's commit. One version per commit, as GTO maps versions by commit. */
export async function register(
  options: RegisterOptions,
  registry: RegistryBackend,
  now: () => Date = () => new Date()
): Promise<RegisterResult> {
  assertModelName(options.model)
  const version = normalizeVersion(options.version)
  const commit = await registry.resolveCommit(options.commit ?? 'HEAD')
  const tags = await registry.listTags(modelTagPrefixes(options.model), {
    model: options.model,
    stages: [],
    versions: [version],
    allRegistrations: true
  })
  const versions = registeredVersions(tags, options.model)
  const existing = versions.get(version)
  if (existing)
    throw new RegistryError(
      `${options.model} ${version} is already registered (commit ${existing.commit.slice(0, 12)})`
    )
  for (const [other, at] of versions) {
    if (at.commit === commit) {
      throw new RegistryError(
        `commit ${commit.slice(0, 12)} already holds ${options.model} ${other}; register each version on the commit that produced it`
      )
    }
  }
  const tag = registrationTag(options.model, version)
  const details = {
    model: options.model,
    version,
    created_at: now().toISOString(),
    ...(options.lineage && { lineage: options.lineage })
  }
  const message = `register ${options.model} ${version}\n\n${JSON.stringify(details, null, 2)}\n`
  const created = await registry.createTag({ name: tag, commit, message })
  if (!created) throw new RegistryError(`${tag} was registered by someone else just now`)
  return { tag, version, commit }
}
