/**
 * How a value a gate read but could not use is shown in records, messages and release notes: by
 * its type and size, never its content. Evidence is data someone else wrote, and a path aimed at
 * the wrong key (or the wrong file) must not copy a credential into a public record.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') {
    const length = value.length
    return length === 0 ? 'an empty string' : `a string of ${length} character${length === 1 ? '' : 's'}`
  }
  if (typeof value === 'boolean') return 'a boolean'
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : String(value)
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  if (typeof value === 'object') {
    const keys = Object.keys(value).length
    return `an object with ${keys} key${keys === 1 ? '' : 's'}`
  }
  return `a ${typeof value}`
}
