/**
 * Finds where JSON text first goes wrong (Python's `NaN`, `Infinity` and `-Infinity` tokens count
 * as values: the reader accepts them, so they are never "where it goes wrong"). Node 20's JSON.parse errors carry no position, and
 * "malformed" without a line is useless in a 5,000-line report; this runs only after a failed
 * parse, so it favours clarity over speed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const fail = (): never => {
    throw i
  }
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = (): void => {
    i++
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail()
      if (text[i] === '\\') {
        i++
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail()
          i += 4
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail()
      }
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match || match[0] === '' || match[0] === '-') fail()
    i += match![0].length
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === '{') {
      i++
      space()
      if (text[i] === '}') return void i++
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        string()
        space()
        if (text[i] !== ':') fail()
        i++
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    } else if (c === '[') {
      i++
      space()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    } else if (c === '"') string()
    else if (c === 't') literal('true')
    else if (c === 'f') literal('false')
    else if (c === 'n') literal('null')
    else if (c === 'N') literal('NaN')
    else if (c === 'I') literal('Infinity')
    else if (c === '-' && text[i + 1] === 'I') literal('-Infinity')
    else number()
  }
  try {
    value()
    space()
    return i < text.length ? i : text.length
  } catch (offset) {
    return offset as number
  }
}

export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

/**
 * The first key that repeats within one object of already-valid JSON, with its offset. JSON.parse
 * silently keeps the last of duplicate keys; a report that says `auc` twice is ambiguous evidence,
 * so the reader refuses it. One linear pass: reports with large distributions stay fast.
 */
export function duplicateJsonKey(text: string): { key: string; offset: number } | undefined {
  // One entry per open container: the keys seen so far (objects) or null (arrays).
  const stack: Array<Set<string> | null> = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      const start = i
      let escaped = false
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          escaped = true
          i++
        }
      }
      const top = stack[stack.length - 1]
      if (expectKey && top) {
        const raw = text.slice(start, i + 1)
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1)
        if (top.has(key)) return { key, offset: start }
        top.add(key)
        expectKey = false
      }
    } else if (c === '{') {
      stack.push(new Set())
      expectKey = true
    } else if (c === '[') {
      stack.push(null)
    } else if (c === '}' || c === ']') {
      stack.pop()
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set
    }
  }
  return undefined
}

/** Python's non-finite tokens, as `json.dumps` writes them (allow_nan defaults to True). */
const NON_FINITE: ReadonlyArray<[string, number]> = [
  ['-Infinity', -Infinity],
  ['Infinity', Infinity],
  ['NaN', NaN]
]

/**
 * Parses JSON that may hold Python's bare `NaN`, `Infinity` and `-Infinity` tokens (Evidently's
 * `report.json()` writes them, e.g. in correlation tables). Each token outside a string becomes a
 * string carrying a random marker, and a reviver turns exactly those strings back into numbers;
 * a real string can never carry the marker. Throws like JSON.parse when the text is malformed
 * otherwise. Only called after a plain JSON.parse failed, so strict files pay nothing.
 */
export function parsePythonJson(text: string, marker: string): unknown {
  let out = ''
  let last = 0
  let replaced = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
      continue
    }
    if (c !== 'N' && c !== 'I' && c !== '-') continue
    const token = NON_FINITE.find(([word]) => text.startsWith(word, i))
    if (!token) continue
    out += `${text.slice(last, i)}"${marker}${token[0]}"`
    i += token[0].length - 1
    last = i + 1
    replaced++
  }
  if (replaced === 0) return JSON.parse(text)
  out += text.slice(last)
  const values = new Map(NON_FINITE.map(([word, value]) => [`${marker}${word}`, value]))
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && values.has(value) ? values.get(value) : value
  )
}
