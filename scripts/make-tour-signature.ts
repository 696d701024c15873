// Writes the signed record the README tour verifies (docs/tour/promotion-record*.json and the
// test trust root docs/tour/trusted-root.json): a fraud_detector v7 promotion record, signed the
// way the action signs it, against the local OIDC/Fulcio/Rekor stand-ins the tests use (nothing
// here reaches a network). Run: npx tsx scripts/make-tour-signature.ts
import { writeFileSync } from 'node:fs'
import { buildPromotionRecord } from '../src/records/record.js'
import { evidence, LINEAGE, promoteDecision } from '../test/records/fixtures.js'
import { recordAsset, signRecordWith, SigstoreSimulator } from '../test/helpers/sigstore.js'

const REPOSITORY = 'acme/models'
const record = buildPromotionRecord({
  decision: promoteDecision(),
  evidence: [evidence('lineage', LINEAGE)],
  baseline: { version: 'v6.0.0', stage: 'prod' },
  createdAt: '2026-11-22T10:00:00.000Z',
  run: { repository: REPOSITORY, run_id: '7', sha: 'c'.repeat(40), workflow: 'promote' }
})
const sim = new SigstoreSimulator({ repository: REPOSITORY, workflow: '.github/workflows/promote.yml' })
await sim.start()
try {
  const bundle = await signRecordWith(sim, record)
  writeFileSync('docs/tour/promotion-record.json', recordAsset(record))
  writeFileSync('docs/tour/promotion-record.sigstore.json', `${JSON.stringify(bundle, null, 2)}\n`)
  writeFileSync('docs/tour/trusted-root.json', `${JSON.stringify(sim.trustedRoot(), null, 2)}\n`)
} finally {
  await sim.stop()
}
