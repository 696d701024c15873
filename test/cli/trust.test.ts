import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * Attacks on the CLI as a CI job runs it: a promotion whose requester approves it themselves.
 */

const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging, prod]
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
    approvals: { required: 1, environments: [staging-owner], prevent_self_approval: true }
`

let repo: ReturnType<typeof gitRepo>
beforeEach(async () => {
  repo = gitRepo()
  repo.write('policy.yaml', POLICY)
  repo.write('offline.json', '{"auc": 0.9}')
  // mallory asks for the promotion and approves it herself.
  repo.write(
    'approvals.json',
    JSON.stringify([
      {
        state: 'approved',
        comment: 'lgtm',
        environments: [{ name: 'staging-owner' }],
        user: { login: 'mallory' }
      }
    ])
  )
  repo.commit('train v1')
  expect((await cli('register', '--model', 'fraud_detector', '--version', '1')).code).toBe(0)
})
afterEach(() => repo.cleanup())

const cli = (...argv: string[]) => runCli(argv, { cwd: repo.dir })
const promote = (...extra: string[]) =>
  cli(
    'promote',
    '--policy',
    'policy.yaml',
    '--model',
    'fraud_detector',
    '--version',
    '1',
    '--to',
    'staging',
    '--evidence',
    'offline=offline.json',
    '--approvals',
    'approvals.json',
    ...extra
  )

describe('CLI promote and self-approval', () => {
  it('refuses without --actor when the transition prevents self-approval, writing nothing', async () => {
    const { code, stderr, stdout } = await promote()
    expect(code).toBe(2)
    expect(stderr).toMatch(/prevents self-approval, so promote needs --actor <login>/)
    expect(stdout).toBe('')
    const tags = await new GitRegistry(repo.dir).listTags(modelTagPrefixes('fraud_detector'))
    expect(tags.map((t) => t.name)).toEqual(['fraud_detector@v1.0.0'])
  })

  it('with --actor, the requester’s own approval does not count', async () => {
    const { code, stdout } = await promote('--actor', 'Mallory')
    expect(code).toBe(1)
    expect(stdout).toMatch(
      /mallory \(staging-owner\): requested or re-ran the workflow run \(self-approval\)/
    )
  })
})
