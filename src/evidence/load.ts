import { createHash } from 'node:crypto'
import { EvidenceError, isModelgateError } from '../errors.js'
import type { EvidenceSpec } from '../policy/types.js'
import type { EvidenceSet, LoadedEvidence } from './types.js'
import { readers } from './readers/index.js'
import type { EvidenceSource, SourceFile } from './source.js'

/**
 * Reads every named report through `source`. A report that is named but cannot be read is an
 * error naming it: a typo in a path must not turn into a silently `missing` gate.
 */
export async function loadEvidenceSet(
  specs: ReadonlyMap<string, EvidenceSpec>,
  source: EvidenceSource
): Promise<EvidenceSet> {
  const loaded = new Map<string, LoadedEvidence>()
  for (const [name, spec] of specs) loaded.set(name, await loadEvidence(name, spec, source))
  return loaded
}

export async function loadEvidence(
  name: string,
  spec: EvidenceSpec,
  source: EvidenceSource
): Promise<LoadedEvidence> {
  const reader = readers[spec.format]
  if (!reader) throw new EvidenceError(`evidence "${name}": format ${spec.format} is not available here`)
  const hash = createHash('sha256')
  const files: SourceFile[] = []
  const read = async (path: string): Promise<SourceFile> => {
    const file = await source.read(name, spec, path)
    hash.update(file.bytes)
    files.push(file)
    return file
  }
  const primary = spec.path ? await read(spec.path) : undefined
  if (!primary && spec.format !== 'samples') {
    throw new EvidenceError(
      `evidence "${name}" has no path: give one in the policy or with --evidence ${name}=FILE`
    )
  }
  let data: unknown
  try {
    data = await reader({ name, spec, ...(primary && { primary }), readRelated: read })
  } catch (error) {
    if (isModelgateError(error)) throw error
    throw new EvidenceError(
      `evidence "${name}": ${(error as Error).message}`,
      { file: primary?.display },
      { cause: error }
    )
  }
  const evidence: LoadedEvidence = {
    name,
    format: spec.format,
    source: files.map((file) => file.recorded ?? file.display).join(', '),
    sha256: hash.digest('hex'),
    data
  }
  const digest = files.find((file) => file.artifactDigest)?.artifactDigest
  if (digest) evidence.artifactDigest = digest
  const origin = files.find((file) => file.origin)?.origin
  if (origin) evidence.origin = origin
  return evidence
}
