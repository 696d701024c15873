import type { Decision } from '../gates/types.js'
import {
  renderDecision as renderDecisionAs,
  unavailableNotes,
  type OutputFormat
} from '../render/decision.js'
import type { CliIO } from './io.js'

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(io: CliIO): boolean {
  return Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb'
}

export function renderDecision(decision: Decision, format: OutputFormat, io: CliIO): string {
  return renderDecisionAs(decision, format, { color: useColor(io) })
}

/** Notes for evidence the gates wanted that nobody provided (stderr, so JSON stays clean). */
export function reportUnavailable(unavailable: ReadonlyMap<string, string>, io: CliIO): void {
  io.stderr.write(unavailableNotes(unavailable))
}
