import { afterEach, beforeEach } from '@jest/globals'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { runCli, type CliRun } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * What the serving tests share: one model, a policy whose two transitions gate on offline.auc,
 * a CLI promote with that evidence, and the moments `tagAt` writes at (test/helpers/git.ts).
 */

export const MODEL = 'churn'

/** Seconds since the epoch that `tagAt(offset, …)` adds its offset to (2025-11-22T08:26:40Z). */
export const TAG_EPOCH = 1763800000

/** The ISO instant `tagAt(seconds, …)` writes its tag at. */
export const isoAt = (seconds: number): string => new Date((TAG_EPOCH + seconds) * 1000).toISOString()

/** dev → staging → prod, both transitions gated on offline.auc ≥ 0.9. */
export const AUC_POLICY = `version: 1
model: ${MODEL}
stages: [dev, staging, prod]
transitions:
  - to: staging
    gates: [{ id: auc, metric: offline.auc, min: 0.9 }]
  - to: prod
    gates: [{ id: auc, metric: offline.auc, min: 0.9 }]
`

/** `modelgate promote` under AUC_POLICY (policy.yaml) with offline.json as its evidence. */
export const promoteUnderAucPolicy = (
  cli: (...argv: string[]) => Promise<CliRun>,
  version: string,
  to: string
): Promise<CliRun> =>
  cli(
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    MODEL,
    '--version',
    version,
    '--to',
    to,
    '--evidence',
    'offline=offline.json'
  )

/** A fresh git repository for each test, the CLI run in it, and the model's tags as git reads them. */
export function scratchRegistry() {
  let repo: ReturnType<typeof gitRepo>
  beforeEach(() => {
    repo = gitRepo()
  })
  afterEach(() => repo.cleanup())
  return {
    repo: () => repo,
    cli: (...argv: string[]) => runCli(argv, { cwd: repo.dir }),
    tags: () => new GitRegistry(repo.dir).listTags(modelTagPrefixes(MODEL))
  }
}
