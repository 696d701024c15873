import { LineCounter, parseDocument } from 'yaml'
import { EvidenceError } from '../../errors.js'
import { randomBytes } from 'node:crypto'
import { duplicateJsonKey, jsonErrorOffset, offsetToLineColumn, parsePythonJson } from '../json-position.js'
import type { SourceFile } from '../source.js'

const MAX_ALIAS_COUNT = 100

/**
 * Parses a JSON or YAML report; both give line:column on error. Duplicate keys are refused: a
 * report that says `auc` twice is ambiguous evidence.
 */
export function parseStructured(file: SourceFile): unknown {
  const text = file.bytes.toString('utf8').replace(/^\uFEFF/, '')
  if (text.trim() === '') throw new EvidenceError('the file is empty', { file: file.display })
  // A bare Python non-finite token is a JSON document too (`json.dumps(float('nan'))`), not YAML text.
  if (/^\s*(?:[{[]|(?:NaN|-?Infinity)\s*$)/.test(text)) {
    // JSON is read strictly (YAML's flow syntax would accept `"f1": ,` as null) and by JSON.parse,
    // which is two orders of magnitude faster than a YAML parser on multi-megabyte reports.
    let value: unknown
    try {
      value = parseJson(text)
    } catch {
      const offset = jsonErrorOffset(text)
      const found = offset < text.length ? JSON.stringify(text[offset]) : 'end of file'
      throw new EvidenceError(`malformed JSON: unexpected ${found}`, {
        file: file.display,
        ...offsetToLineColumn(text, offset)
      })
    }
    const duplicate = duplicateJsonKey(text)
    if (duplicate) {
      throw new EvidenceError(`malformed JSON: duplicate key ${JSON.stringify(duplicate.key)}`, {
        file: file.display,
        ...offsetToLineColumn(text, duplicate.offset)
      })
    }
    return value
  }
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  const error = doc.errors[0]
  if (error) {
    const position = error.linePos?.[0]
    throw new EvidenceError(`malformed: ${error.message.split('\n')[0]}`, {
      file: file.display,
      line: position?.line,
      column: position?.col
    })
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (cause) {
    throw new EvidenceError(`refused: ${(cause as Error).message.split('\n')[0]}`, { file: file.display })
  }
}

/**
 * Strict JSON first; on failure, JSON as Python's `json` writes it (bare NaN / Infinity). Those
 * load as non-finite numbers, which every gate refuses as "not a finite number" (fail closed)
 * while the report's other values stay usable.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return parsePythonJson(text, `modelgate-non-finite:${randomBytes(16).toString('hex')}:`)
  }
}

export function requireObject(value: unknown, file: SourceFile, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EvidenceError(`expected ${what}`, { file: file.display })
  }
  return value as Record<string, unknown>
}
