import type { Decision, GateStatus } from '../gates/types.js'
import { oneLine, truncate } from './escape.js'
import { referenceNumbers } from '../gates/format.js'
import { observedText } from './observed.js'
import { rolloutText, triggerText } from './rollout-text.js'

const COLOURS: Record<GateStatus | 'promote' | 'block', string> = {
  pass: '32',
  skipped: '36',
  warn: '33',
  fail: '31',
  missing: '31',
  error: '31',
  promote: '32',
  block: '31'
}

/** The decision as an aligned terminal table; colour only when asked (a TTY). */
export function renderDecisionText(decision: Decision, options: { color: boolean }): string {
  const paint = (key: keyof typeof COLOURS, text: string): string =>
    options.color ? `\u001b[${COLOURS[key]}m${text}\u001b[0m` : text
  const clean = (text: string, max = 80): string => truncate(oneLine(text).replace(/\s+/g, ' '), max)
  const header = ['GATE', 'STATUS', 'OBSERVED', 'THRESHOLD', 'DETAIL']
  const rows = decision.gates.map((gate) => [
    clean(gate.id, 40),
    gate.status,
    clean(observedText(gate.observed, referenceNumbers(gate.threshold, gate.baseline)), 24),
    clean(gate.threshold ?? '', 36),
    clean(gate.message, 100)
  ])
  const widths = header.map((title, i) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i]!)))
  )
  const line = (cells: string[], statusKey?: GateStatus): string =>
    cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - displayWidth(cell))
        return i === 1 && statusKey ? paint(statusKey, padded) : padded
      })
      .join('  ')
      .trimEnd()
  const out: string[] = []
  out.push(
    `${clean(decision.model, 60)} ${clean(decision.version, 40)}: ${clean(decision.from)} -> ${clean(decision.to)}`
  )
  out.push('')
  if (rows.length > 0) {
    out.push(line(header))
    decision.gates.forEach((gate, i) => out.push(line(rows[i]!, gate.status)))
    out.push('')
  }
  const approvals = decision.approvals
  if (approvals.status !== 'not_required') {
    out.push(
      `approvals: ${paint(approvals.status === 'pass' ? 'pass' : 'fail', approvals.status)} ${clean(approvals.message, 200)}`
    )
    for (const ignored of approvals.ignored) {
      out.push(
        `  not counted: ${clean(ignored.user, 40)} (${clean(ignored.environment, 40)}): ${clean(ignored.reason)}`
      )
    }
  }
  if (decision.rollout) out.push(`rollout: ${clean(rolloutText(decision.rollout), 200)}`)
  if (decision.rollback) {
    const when = decision.rollback.when.map((trigger) => clean(triggerText(trigger), 120)).join('; ')
    out.push(`rollback: to ${clean(decision.rollback.to, 40)}${when ? ` when ${when}` : ''}`)
  }
  out.push(`decision: ${paint(decision.decision, decision.decision.toUpperCase())}`)
  for (const reason of decision.reasons) out.push(`  - ${clean(reason, 200)}`)
  return `${out.join('\n')}\n`
}

/**
 * Columns a string takes in a terminal: East Asian wide characters and emoji take two, combining
 * marks and zero-width characters none, so tables stay aligned with names in any script.
 */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(char)) continue
    width += isWide(code) ? 2 : 1
  }
  return width
}

// Ranges from Unicode's EastAsianWidth.txt (W and F) and the emoji blocks, coarsened.
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}
