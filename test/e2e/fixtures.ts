import type { GitHubSimulator } from '../simulator/server.js'

/** The policy the end-to-end lifecycle runs under: two approval environments for prod. */
export const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging, prod]
baseline: prod
evidence:
  offline: { artifact: offline-eval, path: metrics.json }
  online: { artifact: staging-slo, path: summary.json }
  drift: { artifact: drift, path: reports/drift.json }
  lineage: { artifact: model, path: lineage.json }
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.80 }
      - { id: tests, checks: [unit-tests] }
  - to: prod
    gates:
      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }
      - { id: error-rate, metric: online.error_rate, max: 0.01 }
      - { id: drift-psi, metric: drift.psi, below: 0.2 }
      - { id: lineage, lineage: [model_digest, data_snapshot, code_commit, environment_lock] }
    approvals:
      required: 2
      environments: [prod-owner, prod-reviewer]
      prevent_self_approval: true
    rollback:
      to: previous
      when:
        - { metric: online.latency_p95_ms, above: 80, for: 5m }
`

export const MODEL = 'fraud_detector'

/** A "2 GB" model file next to the small lineage file: only the latter may be read. */
export const MODEL_BYTES = 2_000_000_000

export function lineage(commit: string): string {
  return JSON.stringify({
    model_digest: `sha256:${'ab'.repeat(32)}`,
    data_snapshot: 's3://datasets/fraud/2026-11-01',
    code_commit: commit,
    environment_lock: `sha256:${'cd'.repeat(32)}`,
    // Storage modelgate does not read: the lineage gate checks the digest's form only. (An
    // `artifact:` URI would have the 2 GB model.bin hashed: test/e2e/trust-model-file.test.ts.)
    model_uri: 's3://models/fraud/model.bin'
  })
}

/** The artifacts a training run uploads: offline metrics and the model with its lineage. */
export function trainingArtifacts(sim: GitHubSimulator, runId: number, commit: string, auc: number): void {
  sim.state.addArtifact(runId, 'offline-eval', { 'metrics.json': JSON.stringify({ auc, f1: 0.7 }) })
  sim.state.addCheckRun(commit, 'unit-tests', 'success')
}

/** The artifacts a staging soak uploads: SLO summary, drift report, and the model artifact. */
export function stagingArtifacts(
  sim: GitHubSimulator,
  runId: number,
  commit: string,
  slo: { latency: number; errors: number; psi: number }
): void {
  sim.state.addArtifact(runId, 'staging-slo', {
    'summary.json': JSON.stringify({ latency_p95_ms: slo.latency, error_rate: slo.errors })
  })
  sim.state.addArtifact(runId, 'drift', {
    'reports/drift.json': JSON.stringify({ psi: slo.psi, ks_pvalue: 0.4 })
  })
  sim.state.addArtifact(runId, 'model', {
    'model.bin': { zeros: MODEL_BYTES },
    'lineage.json': lineage(commit)
  })
}

/** Ten minutes of p95 latency at one value, a sample a minute. */
export function latencySeries(value: number): string {
  // Ahead of the promotions: rollback triggers judge only samples taken after the current
  // version took the stage.
  const start = Math.floor(Date.now() / 1000) + 60
  return JSON.stringify({ latency_p95_ms: Array.from({ length: 11 }, (_, i) => [start + 60 * i, value]) })
}
