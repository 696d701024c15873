import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * Attacks on the CLI as a CI job runs it: a promotion whose requester approves it themselves, and
 * a policy or a committed file that aims a gate at a secret elsewhere on the machine.
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

describe('CLI: no secret leaves through a record', () => {
  const SECRET = 'hunter2-registry-password-do-not-publish'
  const TOKEN = `ghp_${'A1b2C3d4E5'.repeat(4)}`
  const policyReading = (path: string, metric = 'creds.password') => `version: 1
model: fraud_detector
stages: [dev, staging]
evidence:
  creds: { path: ${JSON.stringify(path)} }
transitions:
  - to: staging
    gates:
      - { id: sneaky, metric: ${metric}, min: 0, severity: warn }
`
  const tagMessages = async (): Promise<string> =>
    (await new GitRegistry(repo.dir).listTags(modelTagPrefixes('fraud_detector')))
      .map((t) => `${t.name}\n${t.message}`)
      .join('\n')
  const promoteWith = (policy: string) => {
    repo.write('leaky.yaml', policy)
    return cli(
      'promote',
      '--policy',
      'leaky.yaml',
      '--model',
      'fraud_detector',
      '--version',
      '1',
      '--to',
      'staging'
    )
  }

  it.each([
    ['a path that climbs out with ..', () => '../outside/creds.json', /climbs out with "\.\."/],
    [
      'an absolute path outside the working directory',
      (dir: string) => `${dir}/../outside/creds.json`,
      /the path is outside/
    ]
  ])('refuses evidence at %s, reading nothing', async (_label, path, why) => {
    repo.write('../outside/creds.json', JSON.stringify({ password: SECRET }))
    const { code, stderr, stdout } = await promoteWith(policyReading(path(repo.dir)))
    expect(code).toBe(2)
    expect(stderr).toMatch(why)
    expect(stderr).toMatch(/evidence files must be inside the working directory/)
    expect(`${stdout}${stderr}${await tagMessages()}`).not.toContain(SECRET)
  })

  it('refuses a symbolic link inside the repository that leads outside it', async () => {
    repo.write('../outside/creds.json', JSON.stringify({ password: SECRET }))
    symlinkSync(join(repo.dir, '../outside/creds.json'), join(repo.dir, 'reports.json'))
    const { code, stderr } = await promoteWith(policyReading('reports.json'))
    expect(code).toBe(2)
    expect(stderr).toMatch(/a symbolic link leads outside/)
    expect(await tagMessages()).not.toContain(SECRET)
  })

  it('a warn gate on a string records its type and size, never the string', async () => {
    repo.write('creds.json', JSON.stringify({ password: SECRET }))
    const { code, stdout } = await promoteWith(policyReading('creds.json'))
    expect(code).toBe(0)
    const messages = await tagMessages()
    expect(messages).toContain(`a string of ${SECRET.length} characters`)
    expect(`${stdout}${messages}`).not.toContain(SECRET)
    expect(`${stdout}${messages}`).not.toContain(SECRET.slice(0, 20))
  })

  it('a value shaped like a GitHub token appears nowhere: not in lineage, evidence names or comments', async () => {
    repo.write(
      'lineage.json',
      JSON.stringify({ data_snapshot: TOKEN, code_commit: repo.git('rev-parse', 'HEAD') })
    )
    repo.write(
      'approvals.json',
      JSON.stringify([
        {
          state: 'approved',
          comment: `use ${TOKEN}`,
          environments: [{ name: 'staging-owner' }],
          user: { login: 'ana' }
        }
      ])
    )
    repo.write(
      'tokens.yaml',
      `version: 1
model: fraud_detector
stages: [dev, staging]
evidence:
  lineage: { path: lineage.json }
transitions:
  - to: staging
    gates:
      - { id: lineage, lineage: [data_snapshot, code_commit], severity: warn }
    approvals: { required: 1, environments: [staging-owner] }
`
    )
    const { stdout, stderr } = await cli(
      'promote',
      '--policy',
      'tokens.yaml',
      '--model',
      'fraud_detector',
      '--version',
      '1',
      '--to',
      'staging',
      '--approvals',
      'approvals.json',
      '--actor',
      'carol',
      '--format',
      'json'
    )
    const everything = `${stdout}${stderr}${await tagMessages()}`
    expect(everything).toContain('[redacted: GitHub token]')
    expect(everything).not.toMatch(/ghp_[A-Za-z0-9]{20}/)
  })
})
