import type { Decision } from '../../src/gates/types.js'
import { buildPromotionRecord, recordToTagMessage } from '../../src/records/record.js'
import type { GitHubState } from './state.js'

/**
 * A model's registry as years of weekly promotions leave it, seeded into the simulator as the
 * CLI or an earlier action run would have pushed it: every version registered, promoted to
 * staging, then to prod in canary steps (10 %, 50 %, 100 %) with the version before it archived;
 * every third version first blocked once; every fifth rolled back once and promoted again. The
 * records are modelgate's own (built by the record code), the dates an hour apart.
 *
 * `seedHistory(state, model, n)` writes exactly `n` tags and ends with the NEXT version
 * registered and in staging (its last two tags) while prod holds the version before it: the
 * starting point of a staging → prod promotion with a baseline in prod and an archival to do.
 */

export interface SeededHistory {
  /** The version registered and in staging, ready to be promoted to prod. */
  candidate: string
  candidateCommit: string
  /** The version prod holds. */
  inProd: string
  /** version → commit */
  commits: Map<string, string>
  /** Tags written, = n. */
  tags: number
}

const decision = (
  model: string,
  version: string,
  from: string,
  to: string,
  verdict: 'promote' | 'block',
  rollout?: Decision['rollout']
): Decision => ({
  model,
  version,
  from,
  to,
  decision: verdict,
  gates: [],
  approvals: {
    required: 0,
    received: 0,
    status: 'not_required',
    environments: [],
    approvers: [],
    ignored: [],
    message: 'no approvals required'
  },
  reasons: verdict === 'block' ? ['latency-p95: 95 > max 80'] : [],
  ...(rollout && { rollout })
})

const CANARY: Decision['rollout'] = {
  strategy: 'canary',
  steps: [{ weight: 10 }, { weight: 50 }, { weight: 100 }]
}

export function seedHistory(
  state: GitHubState,
  model: string,
  n: number,
  start = Date.parse('2023-01-02T09:00:00Z')
): SeededHistory {
  if (n < 5) throw new Error('a history ready for a staging → prod promotion has at least 5 tags')
  let counter = 0
  let at = start
  let written = 0
  const commits = new Map<string, string>()
  const tag = (name: string, version: string, message: string): void => {
    at += 3_600_000
    state.seedTag(name, commits.get(version)!, message, new Date(at).toISOString().replace('.000Z', 'Z'))
    written++
  }
  const register = (version: string): void => {
    commits.set(version, state.addCommit(`train ${version}`))
    const details = { model, version, created_at: new Date(at + 3_600_000).toISOString() }
    tag(
      `${model}@${version}`,
      version,
      `register ${model} ${version}\n\n${JSON.stringify(details, null, 2)}\n`
    )
  }
  const record = (d: Decision, baseline: string | null, step?: number, rollbackTo?: string): string =>
    recordToTagMessage(
      buildPromotionRecord({
        decision: d,
        ...(rollbackTo && { event: 'rollback' as const, rollbackTo }),
        evidence: [],
        baseline: { version: baseline, stage: 'prod' },
        createdAt: new Date(at + 3_600_000).toISOString(),
        ...(step !== undefined && { rolloutStep: step })
      })
    )
  const assign = (stage: string, version: string, message: string): void =>
    tag(`${model}#${stage}#${++counter}`, version, message)
  const archive = (version: string, keep: string): void => {
    const body = {
      archived: version,
      replaced_by: keep,
      stage: 'prod',
      created_at: new Date(at + 3_600_000).toISOString()
    }
    tag(
      `${model}#prod!#${++counter}`,
      version,
      `archive ${model} ${version} from prod: replaced by ${keep}\n\n${JSON.stringify(body, null, 2)}\n`
    )
  }
  const toStaging = (version: string, prod: string | null): void => {
    register(version)
    assign('staging', version, record(decision(model, version, 'dev', 'staging', 'promote'), prod))
  }

  // v1 straight to prod.
  let version = 1
  let inProd = 'v1.0.0'
  toStaging(inProd, null)
  assign('prod', inProd, record(decision(model, inProd, 'staging', 'prod', 'promote'), null))
  for (;;) {
    const next = `v${version + 1}.0.0`
    const cycle = 2 + (version % 3 === 2 ? 1 : 0) + 4 + (version % 5 === 4 ? 3 : 0)
    if (n - written - 2 < cycle) break
    toStaging(next, inProd)
    if (version % 3 === 2)
      tag(
        `${model}@blocked#${++counter}`,
        next,
        record(decision(model, next, 'staging', 'prod', 'block'), inProd)
      )
    for (const step of [0, 1, 2])
      assign('prod', next, record(decision(model, next, 'staging', 'prod', 'promote', CANARY), inProd, step))
    archive(inProd, next)
    if (version % 5 === 4) {
      // Rolled back to the version before, then promoted again at once.
      assign(
        'prod',
        inProd,
        record({ ...decision(model, inProd, 'prod', 'prod', 'promote') }, next, undefined, inProd)
      )
      archive(next, inProd)
      assign('prod', next, record(decision(model, next, 'staging', 'prod', 'promote'), inProd))
    }
    inProd = next
    version++
  }
  // Blocked attempts of the version in prod fill up to n - 2 (they change no stage).
  while (written < n - 2)
    tag(
      `${model}@blocked#${++counter}`,
      inProd,
      record(decision(model, inProd, 'staging', 'prod', 'block'), inProd)
    )
  const candidate = `v${version + 1}.0.0`
  toStaging(candidate, inProd)
  return { candidate, candidateCommit: commits.get(candidate)!, inProd, commits, tags: written }
}
