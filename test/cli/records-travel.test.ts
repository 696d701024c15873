import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCliPolicy } from '../../src/cli/policy-file.js'
import { gitBlobId } from '../../src/policy/load.js'
import { parsePromotionRecord } from '../../src/records/parse.js'
import { recordJsonInTagMessage } from '../../src/records/record.js'
import { GitRegistry } from '../../src/registry/git.js'
import { modelTagPrefixes } from '../../src/registry/gto.js'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * Records that travel: an auditor with a clone, months later and on another machine, finds the
 * exact policy that decided with `git show <git_blob>`, and no record names a path of the machine
 * the promotion ran on.
 */

const POLICY = `version: 1
model: fraud_detector
stages: [dev, staging, prod]
evidence:
  offline: { path: eval/offline.json }
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
`

let repo: ReturnType<typeof gitRepo>
beforeEach(async () => {
  repo = gitRepo()
  // Bytes git must reproduce exactly: no trailing newline, a tab, non-ASCII.
  repo.write('policies/policy.yaml', `${POLICY}# owner:\tmaría`)
  repo.write('models/fraud/eval/offline.json', '{"auc": 0.9}')
  repo.commit('train v1')
  expect(
    (await runCli(['register', '--model', 'fraud_detector', '--version', '1'], { cwd: repo.dir })).code
  ).toBe(0)
})
afterEach(() => repo.cleanup())

async function records(dir: string): Promise<Array<{ json: unknown; text: string }>> {
  const tags = await new GitRegistry(dir).listTags(modelTagPrefixes('fraud_detector'))
  return tags
    .map((tag) => recordJsonInTagMessage(tag.message))
    .filter((json) => json !== null && typeof json === 'object' && 'schema' in json)
    .map((json) => ({ json, text: JSON.stringify(json) }))
}

/** Every string anywhere in a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : []

describe('a record names the policy and evidence as any clone has them', () => {
  it('promoted from a subdirectory: git show <git_blob> prints the exact policy; no machine path in any field', async () => {
    const cwd = join(repo.dir, 'models', 'fraud')
    const { code, stderr } = await runCli(
      [
        'promote',
        '--policy',
        '../../policies/policy.yaml',
        '--model',
        'fraud_detector',
        '--version',
        '1',
        '--to',
        'staging'
      ],
      { cwd }
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)

    const [record] = await records(repo.dir)
    const parsed = parsePromotionRecord(record!.json)
    expect(parsed.policy).toEqual({
      path: 'policies/policy.yaml',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      git_blob: expect.stringMatching(/^[0-9a-f]{40}$/)
    })
    expect(parsed.evidence.map((e) => e.source)).toEqual(['models/fraud/eval/offline.json'])

    // The auditor's side: a fresh clone elsewhere, no modelgate involved.
    const clone = scratchDir()
    try {
      execFileSync('git', ['clone', '-q', repo.dir, join(clone.dir, 'audit')])
      const policy = execFileSync('git', ['show', parsed.policy!.git_blob!], {
        cwd: join(clone.dir, 'audit')
      })
      expect(policy.equals(readFileSync(join(repo.dir, 'policies/policy.yaml')))).toBe(true)
      expect(
        execFileSync('git', ['hash-object', join(repo.dir, 'policies/policy.yaml')], {
          encoding: 'utf8'
        }).trim()
      ).toBe(parsed.policy!.git_blob)
    } finally {
      clone.cleanup()
    }

    const machine = [
      repo.dir,
      realpathSync(repo.dir),
      tmpdir(),
      realpathSync(tmpdir()),
      homedir(),
      process.cwd()
    ]
    for (const value of strings(record!.json))
      for (const path of machine) expect(value.includes(path)).toBe(false)
  })

  it('outside any repository, the policy is named as given', async () => {
    const plain = scratchDir({ 'policy.yaml': POLICY })
    try {
      expect((await loadCliPolicy('policy.yaml', { cwd: plain.dir })).source?.path).toBe('policy.yaml')
      expect((await loadCliPolicy('./policy.yaml', { cwd: plain.dir })).source?.path).toBe('./policy.yaml')
      // Inside one, from anywhere in it: the path from its root.
      expect(
        (await loadCliPolicy('../policies/policy.yaml', { cwd: join(repo.dir, 'models') })).source?.path
      ).toBe('policies/policy.yaml')
      expect(
        (await loadCliPolicy(join(repo.dir, 'policies/policy.yaml'), { cwd: tmpdir() })).source?.path
      ).toBe('policies/policy.yaml')
    } finally {
      plain.cleanup()
    }
  })

  it('the git blob id is what git computes for the same bytes, empty and binary included', () => {
    const dir = scratchDir()
    try {
      for (const [name, bytes] of [
        ['empty', Buffer.alloc(0)],
        ['binary', Buffer.from([0, 255, 10, 13, 0x80, 0xc3])],
        ['text', Buffer.from('version: 1\nmodel: x\n')]
      ] as const) {
        const file = join(dir.dir, name)
        writeFileSync(file, bytes)
        expect(gitBlobId(bytes)).toBe(execFileSync('git', ['hash-object', file], { encoding: 'utf8' }).trim())
      }
    } finally {
      dir.cleanup()
    }
  })
})
