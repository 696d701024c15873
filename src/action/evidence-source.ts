import { UsageError } from '../errors.js'
import { LocalEvidenceSource } from '../evidence/local-source.js'
import type { EvidenceSource, SourceFile } from '../evidence/source.js'
import type { EvidenceSpec } from '../policy/types.js'

/** `artifact:<artifact>/<file>`: an evidence path that names a file inside a workflow artifact. */
const ARTIFACT_PATH = /^artifact:([^/]+)\/(.+)$/

export function parseArtifactPath(path: string): { artifact: string; path: string } | undefined {
  if (!path.startsWith('artifact:')) return undefined
  const match = ARTIFACT_PATH.exec(path)
  if (!match) throw new UsageError(`evidence path "${path}" must be artifact:<artifact>/<file inside it>`)
  return { artifact: match[1]!, path: match[2]! }
}

/**
 * The action's evidence: a spec with `artifact:` (the policy's usual form) or a path written
 * `artifact:<artifact>/<file>` (an input override) reads from the workflow run's artifacts;
 * anything else is a file in the workspace, as in the CLI.
 */
export class ActionEvidenceSource implements EvidenceSource {
  private readonly local: EvidenceSource

  constructor(
    private readonly artifacts: EvidenceSource,
    workspace: string
  ) {
    this.local = new LocalEvidenceSource(workspace, 'the workspace', workspace)
  }

  read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile> {
    const named = parseArtifactPath(path)
    if (named) return this.artifacts.read(name, { ...spec, artifact: named.artifact }, named.path)
    if (spec.artifact) return this.artifacts.read(name, spec, path)
    return this.local.read(name, spec, path)
  }
}
