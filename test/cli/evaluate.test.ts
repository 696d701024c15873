import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { runCli } from '../helpers/cli.js'
import { scratchDir } from '../helpers/tmp.js'

/*
 * `modelgate evaluate` flags beyond the worked examples: policy-declared paths, --model-file,
 * --baseline-version, undeclared YAML evidence, artifact-only evidence outside GitHub, and the
 * errors that exit 2.
 */

const MODEL_BYTES = 'not really a model, but bytes all the same\n'
const MODEL_DIGEST = `sha256:${createHash('sha256').update(MODEL_BYTES).digest('hex')}`
const POLICY = `version: 1
model: "churn_*"
stages: [dev, staging, prod]
baseline: prod
evidence:
  offline: { path: reports/offline.json }
  lineage: { path: reports/lineage.json }
  online: { artifact: staging-slo, path: summary.json, format: k6 }
transitions:
  - to: staging
    gates:
      - { id: auc-floor, metric: offline.auc, min: 0.8 }
      - { id: auc-vs-baseline, metric: offline.auc, vs_baseline: { min_delta: 0.02 } }
      - { id: calibration, metric: extra.ece, max: 0.05 }
      - { id: lineage, lineage: [model_digest, code_commit] }
  - to: prod
    gates:
      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }
`

let scratch: ReturnType<typeof scratchDir>
beforeEach(() => {
  scratch = scratchDir({
    'policy.yaml': POLICY,
    'reports/offline.json': '{ "auc": 0.9 }',
    'reports/lineage.json': JSON.stringify({ model_digest: MODEL_DIGEST, code_commit: 'a'.repeat(40) }),
    'extra.yaml': 'ece: 0.03\n',
    'model.bin': MODEL_BYTES,
    'baseline.json': '{ "auc": 0.85 }'
  })
})
afterEach(() => scratch.cleanup())

const BASE = [
  'evaluate',
  '--policy',
  'policy.yaml',
  '--model',
  'churn_v2',
  '--version',
  '4',
  '--to',
  'staging'
]
// The scratch directory is no git repository, so no registry can name the baseline: tests that do
// not name one say there is none (--no-baseline); a run without any is refused (below).
const run = (...args: string[]) =>
  runCli(
    [
      ...BASE,
      ...args,
      ...(args.includes('--baseline-version') || args.includes('--baseline-evidence')
        ? []
        : ['--no-baseline'])
    ],
    { cwd: scratch.dir }
  )
const runJson = async (...args: string[]) => {
  const result = await run(...args, '--format', 'json')
  return {
    ...result,
    json: JSON.parse(result.stdout) as { decision: string; reasons: string[]; gates: any[] }
  }
}
const gate = (json: { gates: any[] }, id: string) => json.gates.find((g) => g.id === id)

describe('evaluate: where evidence comes from', () => {
  it('reads policy paths relative to the working directory, and undeclared names from --evidence (YAML by extension)', async () => {
    const { code, json, stderr } = await runJson('--evidence', 'extra=extra.yaml')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(json.decision).toBe('promote')
    expect(gate(json, 'calibration')).toMatchObject({ status: 'pass', observed: 0.03 })
    // --no-baseline: nothing in the baseline stage.
    expect(gate(json, 'auc-vs-baseline')).toMatchObject({
      status: 'skipped',
      message: 'no model is in the baseline stage yet, so there is nothing to compare with'
    })
  })

  it('--evidence overrides a declared path', async () => {
    scratch.write('better.json', '{ "auc": 0.7 }')
    const { code, json } = await runJson(
      '--evidence',
      'extra=extra.yaml',
      '--evidence',
      'offline=better.json'
    )
    expect(code).toBe(1)
    expect(json.reasons).toEqual(['auc-floor: 0.7 < min 0.8'])
  })

  it('a gate whose evidence nobody gave is missing, with a note on stderr saying how to give it', async () => {
    const { code, json, stderr } = await runJson()
    expect(code).toBe(1)
    expect(gate(json, 'calibration')).toMatchObject({ status: 'missing' })
    expect(stderr).toBe(
      'modelgate: note: evidence "extra" not declared in the policy and not given with --evidence extra=FILE\n'
    )
  })

  it('evidence that only an artifact holds is missing outside GitHub Actions, and says so', async () => {
    const { code, json, stderr } = await runJson('--to', 'prod')
    expect(code).toBe(1)
    expect(gate(json, 'latency-p95')).toMatchObject({ status: 'missing' })
    expect(stderr).toContain(
      'evidence "online" comes from artifact "staging-slo"; outside GitHub Actions give --evidence online=FILE'
    )
  })

  it('an artifact-only report given with --evidence is read with its declared format (k6)', async () => {
    scratch.write('k6.json', JSON.stringify({ metrics: { http_req_duration: { 'p(95)': 95 } } }))
    const { code, json } = await runJson('--to', 'prod', '--evidence', 'online=k6.json')
    expect(code).toBe(1)
    expect(json.reasons).toEqual(['latency-p95: 95 > max 80'])
  })
})

describe('evaluate: baseline', () => {
  it('with baseline evidence the baseline exists and is compared', async () => {
    const { json } = await runJson(
      '--evidence',
      'extra=extra.yaml',
      '--baseline-evidence',
      'offline=baseline.json'
    )
    expect(gate(json, 'auc-vs-baseline')).toMatchObject({ status: 'pass', baseline: 0.85 })
  })

  it('--baseline-version without its evidence fails closed: the baseline exists but cannot be read', async () => {
    const { code, json } = await runJson('--evidence', 'extra=extra.yaml', '--baseline-version', '2')
    expect(code).toBe(1)
    expect(gate(json, 'auc-vs-baseline')).toMatchObject({
      status: 'error',
      message:
        'baseline v2.0.0 has no promotion record that observed offline.auc; give its evidence with --baseline-evidence offline=FILE (action input baseline-evidence)'
    })
  })
})

describe('evaluate: --model-file', () => {
  it('recomputes the sha256 and verifies lineage model_digest', async () => {
    const { code, json } = await runJson('--evidence', 'extra=extra.yaml', '--model-file', 'model.bin')
    expect(code).toBe(0)
    expect(gate(json, 'lineage').message).toBe('2 fields well-formed; model file digest verified')
  })

  it('blocks when the model file is not the one the lineage names', async () => {
    scratch.write('model.bin', 'tampered')
    const { code, json } = await runJson('--evidence', 'extra=extra.yaml', '--model-file', 'model.bin')
    expect(code).toBe(1)
    expect(json.reasons).toEqual([
      `lineage: model_digest ${MODEL_DIGEST} does not match the model file (sha256:${createHash('sha256').update('tampered').digest('hex')})`
    ])
  })

  it('a model_uri inside a workflow artifact cannot be checked outside GitHub: the gate blocks and says how to check it', async () => {
    const lineage = {
      model_digest: MODEL_DIGEST,
      code_commit: 'a'.repeat(40),
      model_uri: 'artifact:model/model.bin'
    }
    scratch.write('reports/lineage.json', JSON.stringify(lineage))
    const unchecked = await runJson('--evidence', 'extra=extra.yaml')
    expect(unchecked.code).toBe(1)
    expect(gate(unchecked.json, 'lineage').message).toMatch(
      /^model file model.bin in artifact "model" could not be verified against model_digest sha256:[0-9a-f]{64}: a workflow artifact cannot be read outside GitHub Actions; give --model-file FILE/
    )
    // The file, downloaded and handed in, is what is compared.
    const handedIn = await runJson('--evidence', 'extra=extra.yaml', '--model-file', 'model.bin')
    expect(handedIn.code).toBe(0)
    expect(gate(handedIn.json, 'lineage').message).toBe('2 fields well-formed; model file digest verified')
    // A policy that opts out says so in the gate's message.
    scratch.write(
      'policy.yaml',
      POLICY.replace(
        'lineage: [model_digest, code_commit] }',
        'lineage: [model_digest, code_commit], verify_model_file: false }'
      )
    )
    const optedOut = await runJson('--evidence', 'extra=extra.yaml')
    expect(optedOut.code).toBe(0)
    expect(gate(optedOut.json, 'lineage').message).toBe(
      '2 fields well-formed; model file not verified (verify_model_file: false)'
    )
  })

  it('an absent model file is an error naming it', async () => {
    const { code, stderr } = await run('--model-file', 'nope.bin')
    expect(code).toBe(2)
    expect(stderr).toMatch(/^modelgate: .*nope\.bin: cannot read the model file: no such file\n$/)
  })
})

describe('evaluate: output', () => {
  it('text is an aligned table, coloured only on a terminal without NO_COLOR', async () => {
    const plain = await run('--evidence', 'extra=extra.yaml')
    expect(plain.stdout).toMatch(
      /^churn_v2 v4\.0\.0: dev -> staging\n\nGATE +STATUS +OBSERVED +THRESHOLD +DETAIL\n/
    )
    expect(plain.stdout).not.toContain('\u001b[')
    const tty = await runCli([...BASE, '--evidence', 'extra=extra.yaml', '--no-baseline'], {
      cwd: scratch.dir,
      tty: true
    })
    expect(tty.stdout).toContain('\u001b[32m')
    const noColor = await runCli([...BASE, '--evidence', 'extra=extra.yaml', '--no-baseline'], {
      cwd: scratch.dir,
      tty: true,
      env: { NO_COLOR: '1' }
    })
    expect(noColor.stdout).not.toContain('\u001b[')
  })

  it('markdown is a gate table', async () => {
    const { stdout, code } = await run('--evidence', 'extra=extra.yaml', '--format', 'markdown')
    expect(code).toBe(0)
    expect(stdout).toContain('| Gate | Status | Observed | Threshold | Detail |')
    expect(stdout).toContain('| auc-floor | ✅ pass | 0.9 | min 0.8 |')
  })
})

describe('evaluate: the baseline is never assumed absent', () => {
  it('outside a git repository, a baseline gate without a named baseline is an error, not "skipped"', async () => {
    const { code, stdout, stderr } = await runCli([...BASE, '--evidence', 'extra=extra.yaml'], {
      cwd: scratch.dir
    })
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(
      /^modelgate: gate auc-vs-baseline compares with the version in the baseline stage, which is read from the registry: run in the model's git repository or give --registry DIR/
    )
  })
})

describe('evaluate: errors exit 2 with one located line', () => {
  it.each([
    [['--format', 'xml'], 'modelgate: --format must be one of text, json, markdown, got "xml"\n'],
    [['--evidence', 'offline'], 'modelgate: --evidence expects name=path, got "offline"\n'],
    [['--to', 'qa'], undefined],
    [['--model', 'fraud'], 'modelgate: model "fraud" is not governed by this policy (model: churn_*)\n']
  ])('%j', async (args, message) => {
    const { code, stderr, stdout } = await run(...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')).toHaveLength(2)
    if (message) expect(stderr).toBe(message)
    else expect(stderr).toMatch(/qa/)
  })

  it('a malformed approvals file names the file and the entry', async () => {
    scratch.write('approvals.json', '[{ "state": "approved", "environments": [], "user": null }]')
    // Approvals are read only for a transition that counts them.
    scratch.write(
      'policy.yaml',
      POLICY.replace(
        '      - { id: lineage, lineage: [model_digest, code_commit] }\n',
        '      - { id: lineage, lineage: [model_digest, code_commit] }\n    approvals: { required: 1, environments: [qa-owner] }\n'
      )
    )
    const { code, stderr } = await run('--evidence', 'extra=extra.yaml', '--approvals', 'approvals.json')
    expect(code).toBe(2)
    expect(stderr).toBe('modelgate: approvals.json [0].user: expected user.login\n')
  })

  it('malformed evidence names the file, line and column', async () => {
    scratch.write('reports/offline.json', '{ "auc": 0.9,, }')
    const { code, stderr } = await run('--evidence', 'extra=extra.yaml')
    expect(code).toBe(2)
    expect(stderr).toBe('modelgate: reports/offline.json:1:14: malformed JSON: unexpected ","\n')
  })
})

describe('evaluate: baseline evidence without a version', () => {
  it('names the baseline plainly when a report is missing from it', async () => {
    scratch.write(
      'policy.yaml',
      POLICY.replace(
        '{ id: calibration, metric: extra.ece, max: 0.05 }',
        '{ id: schema, schema_compatible: { evidence: schema } }'
      )
    )
    scratch.write('schema.json', JSON.stringify({ features: [{ name: 'a', type: 'number' }] }))
    const { json } = await runJson(
      '--evidence',
      'schema=schema.json',
      '--baseline-evidence',
      'lineage=reports/lineage.json'
    )
    expect(gate(json, 'auc-vs-baseline')).toMatchObject({
      status: 'error',
      message:
        'baseline has no promotion record that observed offline.auc; give its evidence with --baseline-evidence offline=FILE (action input baseline-evidence)'
    })
    expect(gate(json, 'schema')).toMatchObject({
      status: 'error',
      message: 'baseline: evidence "schema" was not provided'
    })
  })
})

describe('evaluate: approvals from a file', () => {
  const APPROVALS = JSON.stringify([
    { state: 'approved', comment: 'ok', environments: [{ name: 'prod-owner' }], user: { login: 'ana' } },
    { state: 'approved', comment: 'ok', environments: [{ name: 'prod-reviewer' }], user: { login: 'bo' } }
  ])
  const withApprovals = POLICY.replace(
    '      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }\n',
    '      - { id: latency-p95, metric: online.latency_p95_ms, max: 80 }\n    approvals: { required: 2, environments: [prod-owner, prod-reviewer] }\n'
  )
  const prodArgs = ['--to', 'prod', '--evidence', 'online=k6.json', '--approvals', 'approvals.json']

  beforeEach(() => {
    scratch.write('policy.yaml', withApprovals)
    scratch.write('approvals.json', APPROVALS)
    scratch.write('k6.json', JSON.stringify({ metrics: { http_req_duration: { 'p(95)': 60 } } }))
  })

  it('counts them, and notes on stderr when --actor is missing under prevent_self_approval', async () => {
    const { code, json, stderr } = await runJson(...prodArgs)
    expect(code).toBe(0)
    expect(json.decision).toBe('promote')
    expect(stderr).toBe(
      'modelgate: note: the policy prevents self-approval but --actor was not given, so it is not checked\n'
    )
  })

  it('with --actor an approver who triggered the run does not count', async () => {
    const { code, json, stderr } = await runJson(...prodArgs, '--actor', 'BO')
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(json.reasons).toEqual([
      'approvals: 1 of 2 required approvals (ana (prod-owner)) from environments prod-owner, prod-reviewer'
    ])
  })
})
