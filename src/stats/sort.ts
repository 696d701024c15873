/** Whether a sample is already in ascending numeric order (no NaN). */
export function isSortedFloat64(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false
  return true
}

/** Below this many values the engine's sort is as fast and needs no scratch memory. */
const RADIX_MIN = 4096
const DIGIT_BITS = 16
const DIGITS = 1 << DIGIT_BITS
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
/** Index of a double's low and high 32-bit word within its pair in a Uint32Array view. */
const LOW = LITTLE_ENDIAN ? 0 : 1
const HIGH = 1 - LOW

/**
 * Sorts doubles (no NaN) in place in ascending order, -0 before +0, as Float64Array#sort does.
 * An LSD radix sort: each double's IEEE bits are mapped to an unsigned 64-bit key with the same
 * order (sign bit set for positives, every bit flipped for negatives), the keys are distributed
 * by four 16-bit digits, low digit first, between the array and one scratch array of the same
 * size, and mapped back. Measured about 3× faster than the engine's comparison sort on a
 * million values; a digit every key shares (the sign, often) is skipped. Each loop is a
 * function of its own: the engine optimises them one by one on the first (cold) call, instead
 * of recompiling one large function at each loop it reaches.
 */
function radixSortFloat64(values: Float64Array, memory: SortMemory): void {
  const n = values.length
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2)
  const counts = memory.counts()
  toKeys(words, n, counts)
  let source = words
  let scratch: Uint32Array | null = null
  for (let digit = 0; digit < 4; digit++) {
    if (!startPositions(counts, digit * DIGITS, n)) continue
    scratch ??= memory.scratch(n * 2)
    const target = source === words ? scratch : words
    scatter(source, target, counts, digit, n)
    source = target
  }
  if (source !== words) words.set(source)
  fromKeys(words, n)
}

/** Doubles to order-preserving keys, counting each digit's values. */
function toKeys(words: Uint32Array, n: number, counts: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    let lo = words[2 * i + LOW]!
    let hi = words[2 * i + HIGH]!
    if (hi & 0x80000000) {
      hi = ~hi >>> 0
      lo = ~lo >>> 0
    } else hi = (hi | 0x80000000) >>> 0
    words[2 * i + LOW] = lo
    words[2 * i + HIGH] = hi
    counts[lo & 0xffff]!++
    counts[DIGITS + (lo >>> 16)]!++
    counts[2 * DIGITS + (hi & 0xffff)]!++
    counts[3 * DIGITS + (hi >>> 16)]!++
  }
}

/** One digit's counts become each value's first position; false when every key shares the digit. */
function startPositions(counts: Uint32Array, base: number, n: number): boolean {
  let position = 0
  let spread = true
  for (let d = base; d < base + DIGITS; d++) {
    const count = counts[d]!
    if (count === n) spread = false
    counts[d] = position
    position += count
  }
  return spread
}

/** Moves the keys from `source` to `target` in order of one digit (stable). */
function scatter(
  source: Uint32Array,
  target: Uint32Array,
  counts: Uint32Array,
  digit: number,
  n: number
): void {
  const base = digit * DIGITS
  const word = digit < 2 ? LOW : HIGH
  const shift = (digit & 1) * DIGIT_BITS
  for (let i = 0; i < n; i++) {
    const lo = source[2 * i + LOW]!
    const hi = source[2 * i + HIGH]!
    const at = counts[base + ((source[2 * i + word]! >>> shift) & 0xffff)]!++
    target[2 * at + LOW] = lo
    target[2 * at + HIGH] = hi
  }
}

/** Keys back to doubles. */
function fromKeys(words: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HIGH]!
    if (hi & 0x80000000) words[2 * i + HIGH] = hi & 0x7fffffff
    else {
      words[2 * i + HIGH] = ~hi >>> 0
      words[2 * i + LOW] = ~words[2 * i + LOW]! >>> 0
    }
  }
}

/**
 * The scratch memory of the radix sort, kept for the next sample: sorting several columns one
 * after the other then allocates (and the system maps) it once, not once per column.
 */
export class SortMemory {
  private keys: Uint32Array | null = null
  private digitCounts: Uint32Array | null = null

  /** Four zeroed digit histograms. */
  counts(): Uint32Array {
    if (this.digitCounts) this.digitCounts.fill(0)
    else this.digitCounts = new Uint32Array(4 * DIGITS)
    return this.digitCounts
  }

  /** Room for `length` words (contents undefined). */
  scratch(length: number): Uint32Array {
    if (!this.keys || this.keys.length < length) this.keys = new Uint32Array(length)
    return this.keys.subarray(0, length)
  }
}

/**
 * Sorts a sample in place in ascending numeric order, as Float64Array#sort without a comparator
 * (NaN last). Large samples without NaN go through the radix sort above (with `memory` when
 * given, to share its scratch space between samples); the others through the engine's sort.
 */
export function sortFloat64InPlace(values: Float64Array, memory: SortMemory = new SortMemory()): void {
  let sorted = true
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    // NaN is the only value not equal to itself: the engine's sort places it.
    if (v !== v) {
      values.sort()
      return
    }
    if (i > 0 && values[i - 1]! > v) sorted = false
  }
  if (sorted) return
  if (values.length < RADIX_MIN) values.sort()
  else radixSortFloat64(values, memory)
}

/**
 * A sample in numeric order: a sorted copy, or with `inPlace` the array itself, sorted (for
 * callers that hand their arrays over: 8 bytes per value less at the peak). A sample already in
 * order (sorted on another thread) is not sorted again.
 */
export function sortedFloat64(values: Float64Array, inPlace = false, memory?: SortMemory): Float64Array {
  const target = inPlace ? values : Float64Array.from(values)
  sortFloat64InPlace(target, memory)
  return target
}
