/*
 * Double-double arithmetic: a value is the unevaluated sum hi + lo of two doubles, about 32
 * significant digits. The Smirnov sum raises numbers like 1 − x − v/n to powers in the
 * hundreds of thousands, which multiplies the rounding error of the base by the exponent; scipy's
 * cephes `smirnov` carries the bases in double-double for that reason, and so do we.
 * (Algorithms: Dekker 1971 / Knuth TAOCP 4.2.2 error-free transformations, as in the QD library
 * by Hida, Li and Bailey.)
 */

export interface DD {
  readonly hi: number
  readonly lo: number
}

export const DD_ZERO: DD = { hi: 0, lo: 0 }
export const DD_ONE: DD = { hi: 1, lo: 0 }

const SPLITTER = 134217729 // 2^27 + 1

function split(a: number): [number, number] {
  const t = SPLITTER * a
  const hi = t - (t - a)
  return [hi, a - hi]
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b
  return { hi: s, lo: b - (s - a) }
}

/** a + b exactly, as a double-double. */
export function twoSum(a: number, b: number): DD {
  const s = a + b
  const bb = s - a
  return { hi: s, lo: a - (s - bb) + (b - bb) }
}

/** a · b exactly, as a double-double. */
export function twoProd(a: number, b: number): DD {
  const p = a * b
  const [ah, al] = split(a)
  const [bh, bl] = split(b)
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl }
}

export function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi)
  const t = twoSum(a.lo, b.lo)
  const u = quickTwoSum(s.hi, s.lo + t.hi)
  return quickTwoSum(u.hi, u.lo + t.lo)
}

export const ddNeg = (a: DD): DD => ({ hi: -a.hi, lo: -a.lo })
export const ddSub = (a: DD, b: DD): DD => ddAdd(a, ddNeg(b))
export const ddAddD = (a: DD, b: number): DD => ddAdd(a, { hi: b, lo: 0 })
export const ddSubD = (a: DD, b: number): DD => ddAdd(a, { hi: -b, lo: 0 })

export function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi)
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
}

export const ddMulD = (a: DD, b: number): DD => ddMul(a, { hi: b, lo: 0 })

/** a / b for doubles, to double-double precision. */
export function ddDivDoubles(a: number, b: number): DD {
  const q1 = a / b
  const p = twoProd(q1, b)
  const s = twoSum(a, -p.hi)
  const q2 = (s.hi + (s.lo - p.lo)) / b
  return quickTwoSum(q1, q2)
}

export function ddDiv(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi
  let r = ddSub(a, ddMulD(b, q1))
  const q2 = r.hi / b.hi
  r = ddSub(r, ddMulD(b, q2))
  const q3 = r.hi / b.hi
  return ddAddD(quickTwoSum(q1, q2), q3)
}

export function ddFloor(a: DD): DD {
  const hi = Math.floor(a.hi)
  if (hi !== a.hi) return { hi, lo: 0 }
  return quickTwoSum(hi, Math.floor(a.lo))
}

export const ddIsZero = (a: DD): boolean => a.hi === 0
export const ddIsFinite = (a: DD): boolean => Number.isFinite(a.hi)
export const ddValue = (a: DD): number => a.hi + a.lo

/** x · 2^e without spurious overflow/underflow of the factor itself. */
export function ldexp(x: number, e: number): number {
  if (x === 0 || !Number.isFinite(x)) return x
  let result = x
  let exponent = e
  while (exponent > 1000) {
    result *= 2 ** 1000
    exponent -= 1000
  }
  while (exponent < -1000) {
    result *= 2 ** -1000
    exponent += 1000
    if (result === 0) return result
  }
  return result * 2 ** exponent
}

/** [m, e] with x = m · 2^e and 0.5 ≤ |m| < 1 (C's frexp). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0]
  let e = Math.floor(Math.log2(Math.abs(x))) + 1
  let m = ldexp(x, -e)
  // log2 can be off by one near powers of two.
  while (Math.abs(m) >= 1) {
    m /= 2
    e += 1
  }
  while (Math.abs(m) < 0.5) {
    m *= 2
    e -= 1
  }
  return [m, e]
}

export function ddFrexp(a: DD): [DD, number] {
  const [hi, e] = frexp(a.hi)
  return [{ hi, lo: ldexp(a.lo, -e) }, e]
}

export function ddLdexp(a: DD, e: number): DD {
  return { hi: ldexp(a.hi, e), lo: ldexp(a.lo, e) }
}
