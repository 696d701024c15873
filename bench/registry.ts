import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { interleavedMedians, seconds, type BenchRow } from './harness.js'

const MODELS = 50
const TAGS_PER_MODEL = 200

/** An assignment message of realistic size: summary line and a promotion record (~2 KB). */
function recordMessage(model: string, version: string, stage: string, at: number): string {
  const gate = (id: string, value: number) => ({
    id,
    kind: 'metric',
    status: 'pass',
    severity: 'block',
    optional: false,
    blocking: false,
    metric: `offline.${id}`,
    observed: value,
    threshold: 'min 0.8',
    message: `${value} within min 0.8`
  })
  const record = {
    schema: 'modelgate/promotion-record/v1',
    event: 'promotion',
    model,
    version,
    from_stage: 'dev',
    to_stage: stage,
    decision: 'promote',
    gates: [gate('auc', 0.91), gate('recall', 0.88), gate('precision', 0.86)],
    approvals: [{ user: 'maria-owner', environment: 'prod-owner', comment: 'Shadow SLOs met.' }],
    rollout: null,
    rollback_to: null,
    rollback_plan: null,
    baseline: { version: null, stage: 'prod' },
    evidence: [{ name: 'offline', source: 'artifact:offline-eval/metrics.json', sha256: 'a'.repeat(64) }],
    artifacts: {
      model_digest: `sha256:${'b'.repeat(64)}`,
      data_snapshot: 's3://bucket/snapshots/2026-11-01',
      code_commit: 'c'.repeat(40)
    },
    policy: { path: 'policy.yaml', sha256: 'd'.repeat(64) },
    run: {
      repository: 'acme/models',
      run_id: '123456789',
      attempt: '1',
      workflow: 'promote',
      actor: 'release-bot'
    },
    reasons: [],
    created_at: new Date(at * 1000).toISOString()
  }
  return `promote ${model} ${version} dev -> ${stage}\n\n${JSON.stringify(record, null, 2)}\n`
}

/**
 * A registry of 10,000 GTO tags (50 models, each 50 versions registered and 150 assignments carrying
 * records), with packed refs as a registry that has lived a while has them,
 * written in one `git fast-import` rather than 10,000 `git tag` processes.
 */
export function buildRegistry(dir: string): void {
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
        tag(
          `${model}#${stage}#${++counter}`,
          commits[v]!,
          at + 1,
          recordMessage(model, `v${v + 1}.0.0`, stage, at + 1)
        )
    }
  }
  git(['fast-import', '--quiet'], stream)
  // A registry that has lived a while has packed refs (git gc packs them).
  git(['pack-refs', '--all'])
}

export async function registryBench(runs = 15): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-registry-'))
  try {
    buildRegistry(dir)
    const tagCount = execFileSync('git', ['tag', '-l'], { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n').length
    const cli = resolve('dist/cli.js')
    // Half-way through the registry's life (tagger dates run from when + 1000 to when + 1491).
    const middle = new Date((1763800000 + 1250) * 1000).toISOString()
    const [nodeFloor, gitFloor, measured, history, asOf, archived] = interleavedMedians(
      [
        { command: process.execPath, args: ['-e', '0'] },
        { command: 'git', args: ['for-each-ref', 'refs/tags'], cwd: dir },
        {
          command: process.execPath,
          args: [cli, 'resolve', '--model', 'model25', '--stage', 'prod', '--registry', dir]
        },
        { command: process.execPath, args: [cli, 'history', '--model', 'model25', '--registry', dir] },
        {
          command: process.execPath,
          args: [cli, 'resolve', '--model', 'model25', '--all', '--at', middle, '--registry', dir]
        },
        {
          command: process.execPath,
          args: [cli, 'resolve', '--model', 'model25', '--stage', 'archived', '--registry', dir]
        }
      ],
      runs
    ) as [number, number, number, number, number, number]
    const reference = nodeFloor + gitFloor
    const ratio = measured / reference
    return {
      name: `resolve, ${tagCount} GTO tags / ${MODELS} models`,
      measured: seconds(measured),
      reference: `${seconds(reference)} node -e 0 + git for-each-ref`,
      ratio,
      goal: '≤ 1.5×',
      met: ratio <= 1.5,
      notes: `history on the same registry: ${seconds(history)}; resolve --all --at: ${seconds(asOf)}; resolve --stage archived: ${seconds(archived)}; node -e 0 ${seconds(nodeFloor)}, git for-each-ref ${seconds(gitFloor)}; median of ${runs} interleaved rounds (GTO itself needs 6-12 s per command at ~1,500 tags)`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await registryBench())
