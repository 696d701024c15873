import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { medianSeconds, seconds, type BenchRow } from './harness.js'

const MODELS = 50
const TAGS_PER_MODEL = 200

/**
 * A registry of 10,000 GTO tags (50 models, each 50 versions registered and 150 assignments),
 * written in one `git fast-import` rather than 10,000 `git tag` processes.
 */
function buildRegistry(dir: string): void {
  const git = (args: string[], input?: string): string =>
    execFileSync('git', args, {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
    })
  git(['init', '-q', '-b', 'main'])
  const when = 1763800000
  let stream = ''
  let mark = 0
  const commits: number[] = []
  const versionsPerModel = TAGS_PER_MODEL / 4
  for (let v = 0; v < versionsPerModel; v++) {
    mark++
    const message = `train ${v}\n`
    stream += `commit refs/heads/main\nmark :${mark}\ncommitter bench <bench@example.invalid> ${when + v} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`
    commits.push(mark)
  }
  const tag = (name: string, from: number, at: number, message: string): void => {
    stream += `tag ${name}\nfrom :${from}\ntagger bench <bench@example.invalid> ${at} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`
  }
  for (let m = 0; m < MODELS; m++) {
    const model = `model${m}`
    let counter = 0
    for (let v = 0; v < versionsPerModel; v++) {
      const at = when + 1000 + v * 10
      tag(`${model}@v${v + 1}.0.0`, commits[v]!, at, `Registering ${model} v${v + 1}.0.0\n`)
      for (const stage of ['dev', 'staging', 'prod'])
        tag(`${model}#${stage}#${++counter}`, commits[v]!, at + 1, `Assigning ${stage}\n`)
    }
  }
  git(['fast-import', '--quiet'], stream)
}

export async function registryBench(runs = 15): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-registry-'))
  try {
    buildRegistry(dir)
    const tagCount = execFileSync('git', ['tag', '-l'], { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n').length
    const cli = resolve('dist/cli.js')
    const nodeFloor = medianSeconds(process.execPath, ['-e', '0'], runs)
    const gitFloor = medianSeconds('git', ['for-each-ref', 'refs/tags'], runs, { cwd: dir })
    const reference = nodeFloor + gitFloor
    const measured = medianSeconds(
      process.execPath,
      [cli, 'resolve', '--model', 'model25', '--stage', 'prod', '--registry', dir],
      runs
    )
    const history = medianSeconds(
      process.execPath,
      [cli, 'history', '--model', 'model25', '--registry', dir],
      runs
    )
    const ratio = measured / reference
    return {
      name: `resolve, ${tagCount} GTO tags / ${MODELS} models`,
      measured: seconds(measured),
      reference: `${seconds(reference)} node -e 0 + git for-each-ref`,
      ratio,
      goal: '≤ 1.5×',
      met: ratio <= 1.5,
      notes: `history on the same registry: ${seconds(history)}; node -e 0 ${seconds(nodeFloor)}, git for-each-ref ${seconds(gitFloor)}; median of ${runs} runs (GTO itself needs 6-12 s per command at ~1,500 tags)`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await registryBench())
