import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { SourceLocation } from '../errors.js'

export type KeyPath = ReadonlyArray<string | number>

/** `transitions[1].gates[0].max` */
export function formatKeyPath(path: KeyPath): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text ? `.${segment}` : segment
  }
  return text
}

/**
 * Maps a key path of the parsed document back to file:line:column. With `atKey`, points at the
 * key itself (for unknown or duplicate keys) rather than its value.
 */
export function locatePath(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  path: KeyPath,
  atKey = false
): SourceLocation {
  let node: unknown = doc.contents
  let keyNode: Node | undefined
  let deepest: unknown = node
  for (const segment of path) {
    keyNode = undefined
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) break
      keyNode = pair.key as Node
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment]
    } else {
      break
    }
    if (node == null) break
    deepest = node
  }
  const target = (atKey && keyNode) || (deepest as Node | undefined)
  const offset = target?.range?.[0]
  const location: SourceLocation = { file, path: formatKeyPath(path) }
  if (offset !== undefined) {
    const { line, col } = lineCounter.linePos(offset)
    location.line = line
    location.column = col
  }
  return location
}

/**
 * The key path of the mapping key that starts at `offset` (the parser reports duplicate keys by
 * offset only), e.g. `['transitions', 0, 'gates', 1, 'min']`.
 */
export function keyPathAtOffset(doc: Document, offset: number): KeyPath | undefined {
  const search = (node: unknown, path: Array<string | number>): KeyPath | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null
        const keyName = isScalar(key) ? String(key.value) : '?'
        if (key?.range?.[0] === offset) return [...path, keyName]
        const value = pair.value as Node | null
        if (value?.range && value.range[0] <= offset && offset < value.range[2]) {
          const found = search(value, [...path, keyName])
          if (found) return found
        }
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const child = item as Node | null
        if (child?.range && child.range[0] <= offset && offset < child.range[2]) {
          const found = search(child, [...path, index])
          if (found) return found
        }
      }
    }
    return undefined
  }
  return search(doc.contents, [])
}
