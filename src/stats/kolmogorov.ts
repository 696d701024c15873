import {
  DD_ONE,
  DD_ZERO,
  ddAdd,
  ddAddD,
  ddDiv,
  ddDivDoubles,
  ddFloor,
  ddFrexp,
  ddIsFinite,
  ddIsZero,
  ddLdexp,
  ddMul,
  ddSub,
  ddSubD,
  ddValue,
  ldexp,
  twoProd,
  twoSum,
  type DD
} from './double-double.js'

/*
 * Survival functions of the Kolmogorov–Smirnov statistics, following the algorithms scipy uses
 * (facts from scipy/stats/_ksstats.py `_kolmogn` and scipy/special cephes `kolmogorov.c`
 * `_smirnov`, transcribed, not translated line by line):
 *
 * - `smirnovSf(n, x)`: one-sided Pr(D+_n > x) by the Birnbaum–Tingey sum, bases in double-double
 *   (van Mulbregt 2018, arXiv:1802.06966);
 * - `kolmogornSf(n, x)`: two-sided Pr(D_n > x) for finite n (`scipy.stats.kstwo.sf`), choosing
 *   between Ruben–Gambino closed forms, 2·smirnov, the Durbin matrix (Marsaglia–Tsang–Wang 2003),
 *   Pomeranz (1974) and Pelz–Good (1976) exactly where Simard & L'Ecuyer (2011) and scipy do.
 */

const MINLOG = -708.3964185322641 // cephes: log(2^-1022)
const SMIRNOV_MAX_COMPUTE_N = 1000000
const SM_UPPER_MAX_TERMS = 3
const SM_UPPERSUM_MIN_N = 10
const MAX_EXPONENT = 960
const DBL_EPSILON = 2.220446049250313e-16

function powD(a: DD, m: number): DD {
  if (m <= 0) {
    if (m === 0) return DD_ONE
    return ddDiv(DD_ONE, powD(a, -m))
  }
  if (ddIsZero(a)) return DD_ZERO
  const ans = Math.pow(a.hi, m)
  const r = a.lo / a.hi
  let adj = m * r
  if (Math.abs(adj) > 1e-8) {
    // Two Taylor terms of (1 + r)^m when small, else exp of the scaled log.
    adj = Math.abs(adj) < 1e-4 ? adj + m * r * (((m - 1) / 2) * r) : Math.expm1(m * Math.log1p(r))
  }
  return twoSum(ans, ans * adj)
}

function nextPowerOf2(x: number): number {
  const q = ldexp(x, 1 - 53)
  let l = Math.abs(q + x)
  if (l === 0) l = Math.abs(x)
  else if (Math.trunc(l) === l) l = Math.trunc(l)
  return l
}

/** a^m as [significand, binary exponent], so that huge exponents neither underflow nor overflow. */
function pow2Scaled(a: DD, m: number): [DD, number] {
  if (m <= 0) {
    if (m === 0) return [DD_ONE, 0]
    const [inv, e1] = pow2Scaled(a, -m)
    const [ans, e2] = ddFrexp(ddDiv(DD_ONE, inv))
    return [ans, -e1 + e2]
  }
  const [y, yE] = ddFrexp(a)
  if (m === 1) return [y, yE]
  let maxExpt = MAX_EXPONENT
  if ((m * (y.hi - 1)) / y.hi < -MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(y.hi) / Math.LN2
    if (m * lg2y <= -MAX_EXPONENT) maxExpt = Math.trunc(nextPowerOf2(-MAX_EXPONENT / lg2y + 1) / 2)
  }
  if (m <= maxExpt) {
    const [ans, ansE] = ddFrexp(powD(y, m))
    return [ans, ansE + m * yE]
  }
  const q = Math.trunc(m / maxExpt)
  const r = m % maxExpt
  const [y2r, y2rE] = pow2Scaled(y, r)
  const [y2m, y2mE] = pow2Scaled(y, maxExpt)
  const [y2mq, y2mqE0] = pow2Scaled(y2m, q)
  const [ans, ansE0] = ddFrexp(ddMul(y2r, y2mq))
  const y2mqE = y2mqE0 + y2mE * q
  return [ans, ansE0 + y2mqE + y2rE + m * yE]
}

/** ((a + b) / (c + d))^m in double-double. */
function pow4(a: number, b: number, c: number, d: number, m: number): DD {
  if (m <= 0) {
    if (m === 0) return DD_ONE
    return pow4(c, d, a, b, -m)
  }
  const A = twoSum(a, b)
  const C = twoSum(c, d)
  if (ddIsZero(A)) return ddIsZero(C) ? { hi: NaN, lo: NaN } : DD_ZERO
  if (ddIsZero(C)) return A.hi < 0 ? { hi: -Infinity, lo: 0 } : { hi: Infinity, lo: 0 }
  return powD(ddDiv(A, C), m)
}

/** floor(n·x) and its fractional part, computed exactly (n·x in double-double). */
function modNX(n: number, x: number): { alpha: number; nxFloor: number } {
  const nxD = twoProd(n, x)
  const floorD = ddFloor(nxD)
  let alpha = ddSub(nxD, floorD).hi
  let nxFloor = ddValue(floorD)
  if (alpha === 1) {
    nxFloor += 1
    alpha = 0
  }
  return { alpha, nxFloor }
}

/** Binomial coefficient carried as (significand in [0.5, 1), exponent): it overflows doubles. */
interface ScaledBinomial {
  man: DD
  expt: number
}

function updateBinomial(c: ScaledBinomial, n: number, j: number): void {
  const [man, e] = ddFrexp(ddMul(c.man, ddDivDoubles(n - j, j + 1)))
  c.expt += e
  c.man = man
}

/** A_v(n, x) = C(n, v) · (1 − x − v/n)^(n−v) · (x + v/n)^(v−1). */
function termAv(n: number, x: number, v: number, c: ScaledBinomial): DD {
  const [t2, t2E] = pow2Scaled(ddSubD(ddDivDoubles(n - v, n), x), n - v)
  const [t1, t1E] = pow2Scaled(ddAddD(ddDivDoubles(v, n), x), v - 1)
  return ddLdexp(ddMul(ddMul(t1, t2), c.man), c.expt + t1E + t2E)
}

const FAST_TERMS_MIN_N = 2000

/** q = a / b to double-double precision, returned as q + (correction); inlined for the hot loop. */
function divCorrection(a: number, b: number, q: number): number {
  // Error-free a − q·b (Dekker), then the next digit of the quotient.
  const t = 134217729 * q
  const qh = t - (t - q)
  const ql = q - qh
  const u = 134217729 * b
  const bh = u - (u - b)
  const bl = b - bh
  const p = q * b
  const pe = qh * bh - p + qh * bl + ql * bh + ql * bl
  return (a - p - pe) / b
}

/**
 * The Birnbaum–Tingey terms j = 1 … nTerms − 1 of the lower sum, each as
 * exp(log C(n, v) + (n − v)·log(1 − x − v/n) + (v − 1)·log(x + v/n)) with the bases in
 * double-double and log C accumulated with compensation: the same terms and stopping rule as
 * scipy, at a cost that stays reasonable for n in the hundreds of thousands.
 * Returns the sum of the terms (the j = 0 term excluded).
 */
function lowerSumByLogs(n: number, x: number, nTerms: number, firstTerm: number): number {
  const vmid = Math.trunc(n / 2)
  let sum = firstTerm
  let sumErr = 0
  // log C(n, 1) = log n.
  let logC = Math.log(n)
  let logCErr = 0
  for (let v = 1; v < nTerms; v++) {
    const qLow = (n - v) / n
    const lowHi = qLow - x
    const lowLo = divCorrection(n - v, n, qLow) + (qLow - lowHi - x)
    const qHigh = v / n
    const highHi = qHigh + x
    const highLo = divCorrection(v, n, qHigh) + (qHigh - highHi + x)
    const logTerm =
      logC +
      logCErr +
      (n - v) * (Math.log(lowHi) + lowLo / lowHi) +
      (v - 1) * (Math.log(highHi) + highLo / highHi)
    const term = Math.exp(logTerm)
    if (term !== 0 && Number.isFinite(term)) {
      const s = sum + term
      sumErr += sum - s + term
      sum = s
    }
    if (term !== 0) {
      if (4 * (nTerms - v) * term < DBL_EPSILON * (sum + sumErr) && v !== nTerms - 1) break
    } else if (v > vmid) {
      break
    }
    // C(n, v + 1) = C(n, v) · (n − v)/(v + 1)
    const r = (n - v) / (v + 1)
    const logR = Math.log(r) + divCorrection(n - v, v + 1, r) / r
    const c = logC + logR
    logCErr += logC - c + logR
    logC = c
  }
  return sum + sumErr
}

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p)

/** One-sided Kolmogorov–Smirnov survival function Pr(D+_n > x) (`scipy.special.smirnov`). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN
  if (n === 1) return 1 - x
  if (x === 0) return 1
  if (x === 1) return 0

  const { alpha, nxFloor } = modNX(n, x)
  let n1mxfl = n - nxFloor - (alpha === 0 ? 0 : 1)
  let n1mxceil = n - nxFloor
  if (alpha === 0) {
    n1mxfl -= 1
    n1mxceil += 1
  }

  // x ≤ 1/n: closed form.
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    const t = ddValue(pow4(1, x, 1, 0, n - 1))
    return clip01(1 - x * t)
  }
  // The survival function underflows.
  if (-2 * n * x * x < MINLOG) return 0
  // x ≥ 1 − 1/n: closed form.
  if (nxFloor >= n - 1) return clip01(ddValue(pow4(1, -x, 1, 0, n)))
  // Very large n: the cephes approximation p ≈ exp(−(6nx + 1)² / 18n).
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp))
  }

  const nUpperTerms = n - n1mxceil + 1
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n))

  let start = 0
  let step = 1
  let nTerms = n1mxfl + 1
  const vmid = Math.trunc(n / 2)
  const binomial: ScaledBinomial = { man: DD_ONE, expt: 0 }
  let aj: DD
  if (useUpperSum) {
    start = n
    step = -1
    nTerms = n - n1mxceil + 1
    aj = pow4(1, x, 1, 0, n - 1)
  } else {
    aj = ddDiv(pow4(1, -x, 1, 0, n), { hi: x, lo: 0 })
  }
  if (!useUpperSum && n > FAST_TERMS_MIN_N) {
    // Past this n the term-by-term double-double powers dominate the run time.
    return clip01(x * lowerSumByLogs(n, x, nTerms, ddValue(aj)))
  }
  let sum = ddAdd(DD_ZERO, aj)
  updateBinomial(binomial, n, 0)
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step
    aj = termAv(n, x, v, binomial)
    if (ddIsFinite(aj) && !ddIsZero(aj)) sum = ddAdd(sum, aj)
    if (!ddIsZero(aj)) {
      if (4 * (nTerms - j) * Math.abs(ddValue(aj)) < DBL_EPSILON * ddValue(sum) && j !== nTerms - 1) break
    } else if (j > vmid) {
      break
    }
    updateBinomial(binomial, n, j)
  }
  const prob = ddValue(ddMul({ hi: x, lo: 0 }, sum))
  return clip01(step < 0 ? 1 - prob : prob)
}

// ---------------------------------------------------------------------------------------------
// Two-sided, finite n.

const E128 = 128
const EP128 = 2 ** 128
const EM128 = 2 ** -128
const SQRT2PI = Math.sqrt(2 * Math.PI)
const LOG_2PI = Math.log(2 * Math.PI)
const MIN_LOG = -708
const SQRT3 = Math.sqrt(3)
const PI_SQUARED = Math.PI ** 2
const PI_FOUR = Math.PI ** 4
const PI_SIX = Math.PI ** 6
// Stirling series coefficients, highest power first (scipy _ksstats._STIRLING_COEFFS).
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333
]

function logNFactorialOverNPowN(n: number): number {
  const rn = 1 / n
  let poly = 0
  for (const c of STIRLING) poly = poly * (rn / n) + c
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!
      if (aik === 0) continue
      const bRow = k * m
      const oRow = i * m
      for (let j = 0; j < m; j++) out[oRow + j]! += aik * b[bRow + j]!
    }
  }
  return out
}

/** Pr(D_n ≤ d) by the Durbin matrix, Marsaglia–Tsang–Wang's scaling. */
function kolmognDurbinCdf(n: number, d: number): number {
  if (d >= 1) return 1
  const nd = n * d
  if (nd <= 0.5) return 0
  const k = Math.ceil(nd)
  const h = k - nd
  const m = 2 * k - 1
  let H = new Float64Array(m * m)
  const v = new Float64Array(m)
  const w = new Float64Array(m)
  let fac = 1
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j
    w[j - 1] = fac
    fac /= j
    v[j - 1]! *= fac
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m
  v[m - 1] = (1 + tt) * fac
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)]!
  for (let r = 0; r < m; r++) H[r * m] = v[r]!
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!

  let power = new Float64Array(m * m)
  for (let i = 0; i < m; i++) power[i * m + i] = 1
  let nn = n
  let expnt = 0
  let hExpnt = 0
  while (nn > 0) {
    if (nn % 2) {
      power = matmul(power, H, m)
      expnt += hExpnt
    }
    H = matmul(H, H, m)
    hExpnt *= 2
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > EP128) {
      for (let i = 0; i < H.length; i++) H[i]! /= EP128
      hExpnt += E128
    }
    nn = Math.floor(nn / 2)
  }
  let p = power[(k - 1) * m + (k - 1)]!
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n
    if (Math.abs(p) < EM128) {
      p *= EP128
      expnt -= E128
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt)
  return clip01(p)
}

function pomeranzInterval(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number
  let j2: number
  if (i === 0) {
    j1 = -ll - ceilf - 1
    j2 = ll + ceilf - 1
  } else {
    const half = Math.floor((i + 1) / 2)
    const odd = (i + 1) % 2 === 0
    if (odd) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1
        j2 = n + ll + ceilf - 1
      } else {
        j1 = half - 1 - ll - roundf - 1
        j2 = half + ll - 1 + ceilf - 1
      }
    } else {
      j1 = half - 1 - ll - 1
      j2 = half + ll + roundf - 1
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)]
}

/** Pr(D_n ≤ x) by Pomeranz's recursion. */
function kolmognPomeranzCdf(n: number, x: number): number {
  const t = n * x
  const ll = Math.floor(t)
  const f = t - ll
  const g = Math.min(f, 1 - f)
  const ceilf = f > 0 ? 1 : 0
  const roundf = f > 0.5 ? 1 : 0
  const npwrs = 2 * (ll + 1)
  const gpower = new Float64Array(npwrs)
  const twogpower = new Float64Array(npwrs)
  const onem2gpower = new Float64Array(npwrs)
  gpower[0] = twogpower[0] = onem2gpower[0] = 1
  let expnt = 0
  const gOverN = g / n
  const twoGOverN = (2 * g) / n
  const oneMinusTwoGOverN = (1 - 2 * g) / n
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m
  }
  let V0 = new Float64Array(npwrs)
  let V1 = new Float64Array(npwrs)
  V1[0] = 1
  let V0s = 0
  let V1s = 0
  let j1 = pomeranzInterval(0, n, ll, ceilf, roundf)[0]
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1
    ;[V0, V1] = [V1, V0]
    ;[V0s, V1s] = [V1s, V0s]
    V1.fill(0)
    const interval = pomeranzInterval(i, n, ll, ceilf, roundf)
    j1 = interval[0]
    const j2 = interval[1]
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower
    const ln2 = j2 - k1 + 1
    if (ln2 > 0) {
      // Full convolution of V0[k1 - V0s ..][0, ln2) with pwrs[0, ln2), entries [j1 - k1, j2 - k1].
      const base = k1 - V0s
      const convStart = j1 - k1
      const convLen = j2 - j1 + 1
      let max = 0
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c
        let s = 0
        for (let a = Math.max(0, idx - (ln2 - 1)); a <= Math.min(idx, ln2 - 1); a++)
          s += V0[base + a]! * pwrs[idx - a]!
        V1[c] = s
        if (s > max) max = s
      }
      if (max > 0 && max < EM128) {
        for (let c = 0; c < V1.length; c++) V1[c]! *= EP128
        expnt -= E128
      }
      V1s = V0s + j1 - k1
    }
  }
  let ans = V1[n - V1s]!
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128
      expnt += E128
    }
    ans *= m
  }
  if (expnt !== 0) ans = ldexp(ans, expnt)
  return clip01(ans)
}

/** Pelz–Good asymptotic approximation of Pr(D_n ≤ x). */
function kolmognPelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const z = Math.sqrt(n) * x
  const z2 = z ** 2
  const z3 = z ** 3
  const z4 = z ** 4
  const z6 = z ** 6
  const qlog = -PI_SQUARED / 8 / z2
  if (qlog < MIN_LOG) return 0
  let q = Math.exp(qlog)
  const k1a = -z2
  const k1b = PI_SQUARED / 4
  const k2a = 6 * z6 + 2 * z4
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4
  const k3a = -30 * z6 - 90 * z ** 8
  const K = [0, 0, 0, 0]
  const maxk = Math.ceil((16 * z) / Math.PI)
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1
    const m2 = m ** 2
    const m4 = m ** 4
    const m6 = m ** 6
    const qpower = Math.pow(q, 8 * k)
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qpower + coeffs[i]!
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10]
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / div[i]!
  q = Math.exp(-PI_SQUARED / 2 / z2)
  let k2extra = 0
  let k3extra = 0
  const sqrt3z = SQRT3 * z
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k
    const qp = q ** k2
    k2extra += k2 * qp
    const kspi = Math.PI * k
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp
  }
  K[2] = K[2]! + k2extra * ((PI_SQUARED * SQRT2PI) / (-36 * z3))
  K[3] = K[3]! + k3extra * ((PI_SQUARED * SQRT2PI) / (216 * z6))
  let sum = 0
  for (let i = 0; i < 4; i++) sum += K[i]! / Math.pow(n, i / 2)
  return sum
}

/**
 * Two-sided Kolmogorov–Smirnov survival function Pr(D_n > x) for a sample of size n
 * (`scipy.stats.kstwo.sf(x, n)`).
 */
export function kolmogornSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) return NaN
  if (Number.isNaN(x)) return NaN
  if (x >= 1) return 0
  if (x <= 0) return 1
  const t = n * x
  if (t <= 1) {
    // Ruben–Gambino: 1/2n ≤ x ≤ 1/n.
    if (t <= 0.5) return 1
    let prob: number
    if (n <= 140) {
      prob = 1
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1)
    } else {
      prob = Math.exp(logNFactorialOverNPowN(n) + n * Math.log(2 * t - 1))
    }
    return clip01(1 - prob)
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n)
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x))

  const nxSquared = t * x
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip01(1 - kolmognDurbinCdf(n, x))
    if (nxSquared <= 4) return clip01(1 - kolmognPomeranzCdf(n, x))
    return clip01(2 * smirnovSf(n, x))
  }
  if (nxSquared >= 370) return 0
  if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, x))
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmognDurbinCdf(n, x) : clip01(kolmognPelzGoodCdf(n, x))
  return clip01(1 - cdf)
}
