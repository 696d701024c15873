import type { KeyPath } from './locate.js'
import { policySchema } from './schema.js'

interface SchemaDef {
  type: string
  shape?: Record<string, { _zod: { def: SchemaDef } }>
  innerType?: { _zod: { def: SchemaDef } }
  element?: { _zod: { def: SchemaDef } }
  valueType?: { _zod: { def: SchemaDef } }
  in?: { _zod: { def: SchemaDef } }
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault', 'nonoptional'])

/** The keys the schema allows for the object at `path`, for "did you mean" suggestions. */
export function allowedKeysAt(path: KeyPath): string[] {
  let def = (policySchema as unknown as { _zod: { def: SchemaDef } })._zod.def
  const unwrap = (): void => {
    while (WRAPPERS.has(def.type) && def.innerType) def = def.innerType._zod.def
    if (def.type === 'pipe' && def.in) def = def.in._zod.def
  }
  for (const segment of path) {
    unwrap()
    if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
      def = def.shape[segment]._zod.def
    else if (def.type === 'array' && typeof segment === 'number' && def.element) def = def.element._zod.def
    else if (def.type === 'record' && def.valueType) def = def.valueType._zod.def
    else return []
  }
  unwrap()
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : []
}
