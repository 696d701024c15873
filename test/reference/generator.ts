/*
 * The sample generator of test/reference/generate.py, bit for bit: mulberry32 (32-bit state,
 * Math.imul arithmetic) and shapes made only of exact IEEE operations, so the large reference
 * samples need no storage.
 */

export interface SampleSpec {
  seed: number
  n: number
  shape: 'uniform' | 'bell' | 'levels'
  shift?: number
  scale?: number
  levels?: number
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0
    t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0
    return (t ^ (t >>> 14)) >>> 0
  }
}

export function draw(spec: SampleSpec): Float64Array {
  const next = mulberry32(spec.seed)
  const shift = spec.shift ?? 0
  const scale = spec.scale ?? 1
  const out = new Float64Array(spec.n)
  const u = (): number => next() / 4294967296
  for (let i = 0; i < spec.n; i++) {
    let v: number
    if (spec.shape === 'uniform') v = u()
    else if (spec.shape === 'bell') v = u() + u() + u() + u() - 2
    else v = next() % spec.levels!
    out[i] = v * scale + shift
  }
  return out
}
