import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { EvidenceError } from '../../src/errors.js'
import { loadEvidenceSet } from '../../src/evidence/load.js'
import { parseMetricPath, resolveMetricPath } from '../../src/evidence/path.js'
import type { EvidenceSource, SourceFile } from '../../src/evidence/source.js'
import type { EvidenceFormat, EvidenceSpec } from '../../src/policy/types.js'

/** What the action's artifact source looks like to the loader: bytes plus the artifact's digest. */
class MemorySource implements EvidenceSource {
  readonly reads: string[] = []
  constructor(private readonly files: Record<string, string>) {}
  async read(name: string, spec: EvidenceSpec, path: string): Promise<SourceFile> {
    this.reads.push(`${name}:${path}`)
    const text = this.files[path]
    const display = spec.artifact ? `artifact:${spec.artifact}/${path}` : path
    if (text === undefined)
      throw new EvidenceError(`evidence "${name}": cannot read: no such file`, { file: display })
    return {
      display,
      bytes: Buffer.from(text),
      ...(spec.artifact && { artifactDigest: `sha256:${'ab'.repeat(32)}` })
    }
  }
}

const specs = (entries: Record<string, EvidenceSpec>) => new Map(Object.entries(entries))
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error
  )

describe('loadEvidenceSet', () => {
  it('records source, sha256 of the bytes and the artifact digest for every named report', async () => {
    const source = new MemorySource({ 'metrics.json': '{"auc": 0.91}', 'lineage.yaml': 'code_commit: abc\n' })
    const set = await loadEvidenceSet(
      specs({
        offline: { artifact: 'offline-eval', path: 'metrics.json', format: 'json' },
        lineage: { path: 'lineage.yaml', format: 'yaml' }
      }),
      source
    )
    expect(set.get('offline')).toEqual({
      name: 'offline',
      format: 'json',
      source: 'artifact:offline-eval/metrics.json',
      sha256: createHash('sha256').update('{"auc": 0.91}').digest('hex'),
      data: { auc: 0.91 },
      artifactDigest: `sha256:${'ab'.repeat(32)}`
    })
    expect(set.get('lineage')).toMatchObject({ source: 'lineage.yaml', data: { code_commit: 'abc' } })
    expect(set.get('lineage')).not.toHaveProperty('artifactDigest')
  })

  it('reads YAML under the default json format too (a report is JSON or YAML)', async () => {
    const set = await loadEvidenceSet(
      specs({ offline: { path: 'm.yml', format: 'json' } }),
      new MemorySource({ 'm.yml': 'auc: 0.9\nruns:\n  - auc: 0.8\n' })
    )
    expect(resolveMetricPath(set.get('offline')!.data, 'runs[0].auc')).toEqual({ found: true, value: 0.8 })
  })

  it('names file, line and column of malformed YAML', async () => {
    const error = await failure(
      loadEvidenceSet(
        specs({ offline: { path: 'm.yaml', format: 'yaml' } }),
        new MemorySource({ 'm.yaml': 'auc: 0.9\nruns: [1, 2\nf1: 0.3\n' })
      )
    )
    expect(error).toBeInstanceOf(EvidenceError)
    expect((error as EvidenceError).location).toMatchObject({ file: 'm.yaml', line: expect.any(Number) })
    expect((error as EvidenceError).format()).toMatch(/^m\.yaml:\d+:\d+: malformed/)
  })

  it('names file, line and column of malformed JSON', async () => {
    const error = (await failure(
      loadEvidenceSet(
        specs({ online: { path: 's.json', format: 'k6' } }),
        new MemorySource({ 's.json': '{\n  "metrics": {\n    "http_reqs": { "count": 12 }}\n  }\n}' })
      )
    )) as EvidenceError
    expect(error.format()).toBe('s.json:5:1: malformed JSON: unexpected "}"')
  })

  it('refuses an empty file, a spec without a path and a format no reader handles', async () => {
    const source = new MemorySource({ 'e.json': '  \n' })
    await expect(loadEvidenceSet(specs({ a: { path: 'e.json', format: 'json' } }), source)).rejects.toThrow(
      'the file is empty'
    )
    await expect(loadEvidenceSet(specs({ a: { format: 'json' } }), source)).rejects.toThrow(
      'evidence "a" has no path'
    )
    await expect(
      loadEvidenceSet(specs({ a: { path: 'e.json', format: 'no-such' as EvidenceFormat } }), source)
    ).rejects.toThrow('format no-such is not available')
  })

  it('stops at the first unreadable report, naming it', async () => {
    const source = new MemorySource({ 'a.json': '{}' })
    const error = (await failure(
      loadEvidenceSet(
        specs({
          a: { path: 'a.json', format: 'json' },
          b: { artifact: 'x', path: 'b.json', format: 'json' }
        }),
        source
      )
    )) as EvidenceError
    expect(error.format()).toBe('artifact:x/b.json: evidence "b": cannot read: no such file')
  })
})

describe('metric paths', () => {
  it('parses keys, indices and double-quoted keys; refuses anything else', () => {
    expect(parseMetricPath('offline.metrics[0].auc')).toEqual({
      evidence: 'offline',
      segments: ['metrics', 0, 'auc']
    })
    expect(parseMetricPath('drift["psi.max"][2]')).toEqual({ evidence: 'drift', segments: ['psi.max', 2] })
    for (const bad of ['', '.a', 'a..b', 'a[x]', 'a[-1]', "a['b']", 'a b', 'a.', '1abc.x'])
      expect(parseMetricPath(bad)).toBeUndefined()
  })

  it('resolves any path built from a document to the value at it (property)', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/)
    const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.double(),
        fc.string(),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
        fc.array(tie('node'), { maxLength: 3 })
      )
    })).node
    fc.assert(
      fc.property(tree, fc.array(fc.nat(), { maxLength: 6 }), (data, choices) => {
        let value: unknown = data
        let path = ''
        for (const choice of choices) {
          if (Array.isArray(value) && value.length > 0) {
            const i = choice % value.length
            path += `[${i}]`
            value = value[i]
          } else if (value && typeof value === 'object' && Object.keys(value).length > 0) {
            const keys = Object.keys(value)
            const k = keys[choice % keys.length]!
            path += `.${k}`
            value = (value as Record<string, unknown>)[k]
          } else break
        }
        if (path === '') return
        const resolved = resolveMetricPath(data, path.startsWith('.') ? path.slice(1) : path)
        expect(resolved).toEqual({ found: true, value })
      }),
      { numRuns: 300 }
    )
  })

  it('never resolves a property the document does not own (property)', () => {
    const inherited = fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'isPrototypeOf',
      '__defineGetter__',
      'length'
    )
    fc.assert(
      fc.property(inherited, fc.constantFrom({}, { a: 1 }, [1, 2], 'text', 3), (name, data) => {
        expect(resolveMetricPath(data, name).found).toBe(false)
        expect(resolveMetricPath({ x: data }, `x.${name}`).found).toBe(false)
      })
    )
  })
})
