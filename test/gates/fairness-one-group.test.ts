import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * A fairness report with fewer than two groups cannot show a gap (issue "Trust the verdict",
 * section 7): predictions filtered to one group, or a group column that holds one value, used to
 * report every gap as 0 and pass every gap gate. The gap gates are errors instead.
 */

const POLICY = `version: 1
model: churn
stages: [dev, staging]
evidence:
  fair: { format: predictions, path: preds.csv, group: grp, label: y, prediction: yhat }
transitions:
  - to: staging
    gates:
      - { id: tpr-gap, metric: fair.tpr_gap, max: 0.05 }
      - { id: parity, metric: fair.demographic_parity_difference, max: 0.05 }
`

let scratch: ReturnType<typeof scratchDir>
beforeEach(() => {
  scratch = scratchDir({
    'policy.yaml': POLICY,
    'preds.csv': ['grp,y,yhat', 'a,1,1', 'a,1,0', 'a,0,0', 'a,0,1'].join('\n')
  })
})
afterEach(() => scratch.cleanup())

describe('fairness with one group', () => {
  it('blocks: the gap gates are errors naming why, not a pass on 0', async () => {
    const run = await runCli(
      [
        'evaluate',
        '--policy',
        'policy.yaml',
        '--model',
        'churn',
        '--version',
        '1',
        '--to',
        'staging',
        '--format',
        'json'
      ],
      { cwd: scratch.dir }
    )
    expect(run.code).toBe(1)
    const decision = JSON.parse(run.stdout)
    expect(decision.decision).toBe('block')
    for (const gate of decision.gates) {
      expect(gate.status).toBe('error')
      expect(gate.blocking).toBe(true)
    }
  })
})
