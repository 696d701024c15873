/**
 * A validator for the subset of JSON Schema (draft 2020-12) that `policyJsonSchema()` uses, so the
 * tests can check what an editor would check without a validator dependency. An unknown keyword
 * throws: if the generated schema starts using one, this file must learn it rather than skip it.
 */

type Schema = Record<string, unknown>

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description'])

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

/** The errors of `value` against `schema`, as `path: what`; empty when it validates. */
export function validateSubset(value: unknown, schema: Schema, path = '$'): string[] {
  const errors: string[] = []
  for (const [keyword, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue
    switch (keyword) {
      case 'type':
        if (!hasType(value, rule as string)) errors.push(`${path}: expected ${rule}, got ${typeOf(value)}`)
        break
      case 'const':
        if (value !== rule) errors.push(`${path}: expected ${JSON.stringify(rule)}`)
        break
      case 'enum':
        if (!(rule as unknown[]).includes(value)) errors.push(`${path}: not one of ${JSON.stringify(rule)}`)
        break
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value))
          errors.push(`${path}: does not match ${rule}`)
        break
      case 'minLength':
        if (typeof value === 'string' && [...value].length < (rule as number))
          errors.push(`${path}: too short`)
        break
      case 'maxLength':
        if (typeof value === 'string' && [...value].length > (rule as number))
          errors.push(`${path}: too long`)
        break
      case 'minimum':
        if (typeof value === 'number' && value < (rule as number)) errors.push(`${path}: below ${rule}`)
        break
      case 'maximum':
        if (typeof value === 'number' && value > (rule as number)) errors.push(`${path}: above ${rule}`)
        break
      case 'minItems':
        if (Array.isArray(value) && value.length < (rule as number)) errors.push(`${path}: too few items`)
        break
      case 'items':
        if (Array.isArray(value))
          value.forEach((item, i) => errors.push(...validateSubset(item, rule as Schema, `${path}[${i}]`)))
        break
      case 'required':
        if (hasType(value, 'object'))
          for (const key of rule as string[])
            if (!Object.prototype.hasOwnProperty.call(value, key)) errors.push(`${path}: missing ${key}`)
        break
      case 'properties':
        if (hasType(value, 'object'))
          for (const [key, sub] of Object.entries(rule as Record<string, Schema>))
            if (Object.prototype.hasOwnProperty.call(value, key))
              errors.push(...validateSubset((value as Schema)[key], sub, `${path}.${key}`))
        break
      case 'additionalProperties':
        if (hasType(value, 'object')) {
          const declared = (schema.properties ?? {}) as Record<string, Schema>
          for (const [key, item] of Object.entries(value as Schema)) {
            if (Object.prototype.hasOwnProperty.call(declared, key)) continue
            if (rule === false) errors.push(`${path}: unexpected ${key}`)
            else errors.push(...validateSubset(item, rule as Schema, `${path}.${key}`))
          }
        }
        break
      case 'propertyNames':
        if (hasType(value, 'object'))
          for (const key of Object.keys(value as Schema))
            errors.push(...validateSubset(key, rule as Schema, `${path}{${key}}`))
        break
      case 'anyOf':
        if (!(rule as Schema[]).some((option) => validateSubset(value, option, path).length === 0))
          errors.push(`${path}: matches none of anyOf`)
        break
      default:
        throw new Error(`json-schema-subset: keyword ${keyword} is not supported`)
    }
  }
  return errors
}
