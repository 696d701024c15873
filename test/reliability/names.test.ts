import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/cli.js'
import { gitRepo } from '../helpers/git.js'

/*
 * Names end up in git tag names, markdown, HTML, shell commands in docs and commit-status
 * contexts. Anything outside GTO's name rule is refused before git is touched.
 */

const HOSTILE = [
  'x;rm -rf /',
  '$(id)',
  '`id`',
  'a#b',
  'a@b',
  '<script>',
  '../x',
  'a b',
  'a\nb',
  '-rf',
  'a!',
  'm*',
  'x/..',
  'ä'
]

let repo: ReturnType<typeof gitRepo>
beforeAll(() => {
  repo = gitRepo()
  repo.write(
    'policy.yaml',
    'version: 1\nmodel: "*"\nstages: [dev, staging]\ntransitions:\n  - to: staging\n    gates: [{ id: g, metric: r.v, min: 0 }]\n'
  )
  repo.write('r.json', '{"v": 1}')
})
afterAll(() => repo.cleanup())

describe('hostile model and stage names', () => {
  it.each(HOSTILE)(
    'model %p is refused by register, resolve, history and promote, writing nothing',
    async (name) => {
      const attempts = [
        ['register', '--model', name, '--version', '1'],
        ['resolve', '--model', name, '--stage', 'staging'],
        ['history', '--model', name],
        [
          'promote',
          '--policy',
          'policy.yaml',
          '--model',
          name,
          '--version',
          '1',
          '--to',
          'staging',
          '--evidence',
          'r=r.json'
        ]
      ]
      for (const argv of attempts) {
        const { code, stderr, stdout } = await runCli(argv, { cwd: repo.dir })
        expect(code).toBe(2)
        expect(stdout).toBe('')
        expect(stderr).toMatch(/invalid model name|is not governed by this policy/)
      }
      expect(repo.git('for-each-ref', 'refs/')).not.toMatch(/refs\/tags\//)
    }
  )

  it.each(HOSTILE.filter((name) => !name.includes('\n')))('stage %p is refused by resolve', async (stage) => {
    const { code, stderr } = await runCli(['resolve', '--model', 'churn', '--stage', stage], {
      cwd: repo.dir
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/invalid stage name/)
  })

  it('a hostile name in a policy is refused with its location', async () => {
    repo.write(
      'bad.yaml',
      'version: 1\nmodel: churn\nstages: [dev, "prod;reboot"]\ntransitions:\n  - to: dev\n    from: dev\n    gates: []\n'
    )
    const { code, stderr } = await runCli(
      ['evaluate', '--policy', 'bad.yaml', '--model', 'churn', '--version', '1', '--to', 'dev'],
      { cwd: repo.dir }
    )
    expect(code).toBe(2)
    expect(stderr).toMatch(/bad\.yaml:3:\d+ stages\[1\]/)
  })
})
