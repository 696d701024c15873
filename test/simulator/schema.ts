/**
 * A compact validator for the JSON-schema subset GitHub's OpenAPI 3.0 description uses for the
 * operations modelgate calls: type (with OpenAPI's `nullable`), properties, required,
 * additionalProperties, enum, items, min/maxItems, min/maxLength, minimum/maximum, pattern,
 * oneOf/anyOf/allOf and `$ref` into `#/components/schemas`. Formats are checked for `date-time`
 * and `uri` only, which is enough to catch a simulator serving a bare word where a timestamp or a
 * link belongs.
 */

export type Schema = Record<string, unknown>

export interface SchemaProblem {
  /** JSON path of the offending value, e.g. `$.assets[0].uploader`. */
  path: string
  message: string
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  if (type === 'number') return actual === 'number' || actual === 'integer'
  return actual === type
}

export class SchemaValidator {
  constructor(readonly components: Record<string, Schema>) {}

  /** Problems found; an empty list means the value conforms. */
  validate(value: unknown, schema: Schema, path = '$'): SchemaProblem[] {
    const problems: SchemaProblem[] = []
    this.check(value, schema, path, problems, 0)
    return problems
  }

  private resolve(schema: Schema): Schema {
    let current = schema
    for (let hops = 0; typeof current.$ref === 'string'; hops++) {
      if (hops > 32) throw new Error(`$ref loop at ${String(current.$ref)}`)
      const match = /^#\/components\/schemas\/(.+)$/.exec(current.$ref as string)
      const target = match ? this.components[match[1]!] : undefined
      if (!target) throw new Error(`unresolvable $ref ${String(current.$ref)}`)
      current = target
    }
    return current
  }

  private check(value: unknown, raw: Schema, path: string, out: SchemaProblem[], depth: number): void {
    if (depth > 64) {
      out.push({ path, message: 'schema nesting too deep' })
      return
    }
    const schema = this.resolve(raw)
    if (value === null) {
      // OpenAPI 3.0: null is only valid with `nullable: true` (or an explicit null type/enum).
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : []
      const enumAllowsNull = Array.isArray(schema.enum) && schema.enum.includes(null)
      const composite = schema.oneOf ?? schema.anyOf ?? schema.allOf
      if (schema.nullable === true || types.includes('null') || enumAllowsNull) return
      if (!composite && schema.type === undefined) return
      if (!composite) {
        out.push({ path, message: 'is null but the schema is not nullable' })
        return
      }
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]
      if (!types.some((type) => matchesType(value, type))) {
        out.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(value)}` })
        return
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) {
      out.push({ path, message: `${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}` })
    }
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf as Schema[]) this.check(value, part, path, out, depth + 1)
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      const options = schema[key]
      if (!Array.isArray(options)) continue
      const results = (options as Schema[]).map((option) => this.validate(value, option, path))
      const passing = results.filter((problems) => problems.length === 0).length
      // GitHub's description has oneOf alternatives that overlap (a user object satisfies both
      // `simple-user` and `team`-like shapes), so oneOf is read as anyOf: at least one must hold.
      if (passing === 0) {
        const closest = results.reduce((a, b) => (b.length < a.length ? b : a))
        out.push({ path, message: `matches none of the ${key} alternatives` }, ...closest.slice(0, 3))
      }
    }
    if (typeof value === 'string') {
      if (typeof schema.minLength === 'number' && value.length < schema.minLength)
        out.push({ path, message: `shorter than ${schema.minLength}` })
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
        out.push({ path, message: `longer than ${schema.maxLength}` })
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
        out.push({ path, message: `does not match ${schema.pattern}` })
      if (schema.format === 'date-time' && !DATE_TIME.test(value))
        out.push({ path, message: `"${value}" is not a date-time` })
      if (schema.format === 'uri' && !URL.canParse(value))
        out.push({ path, message: `"${value}" is not a URI` })
    }
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum)
        out.push({ path, message: `below minimum ${schema.minimum}` })
      if (typeof schema.maximum === 'number' && value > schema.maximum)
        out.push({ path, message: `above maximum ${schema.maximum}` })
    }
    if (Array.isArray(value)) {
      if (typeof schema.minItems === 'number' && value.length < schema.minItems)
        out.push({ path, message: `fewer than ${schema.minItems} items` })
      if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
        out.push({ path, message: `more than ${schema.maxItems} items` })
      if (schema.items && typeof schema.items === 'object') {
        value.forEach((item, i) => this.check(item, schema.items as Schema, `${path}[${i}]`, out, depth + 1))
      }
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const object = value as Record<string, unknown>
      const properties = (schema.properties ?? {}) as Record<string, Schema>
      for (const name of (schema.required ?? []) as string[]) {
        if (!Object.prototype.hasOwnProperty.call(object, name))
          out.push({ path, message: `missing required property "${name}"` })
      }
      for (const [name, child] of Object.entries(object)) {
        const childPath = `${path}.${name}`
        if (Object.prototype.hasOwnProperty.call(properties, name)) {
          this.check(child, properties[name]!, childPath, out, depth + 1)
        } else if (schema.additionalProperties === false) {
          out.push({ path: childPath, message: 'is not allowed (additionalProperties: false)' })
        } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          this.check(child, schema.additionalProperties as Schema, childPath, out, depth + 1)
        }
      }
    }
  }
}
