import { RegistryError } from '../errors.js'

/*
 * DVC GTO's tag format, transcribed from iterative/gto `gto/constants.py` and `gto/tag.py`:
 *   register   <name>@v<semver>            (GTO writes it without a counter)
 *   assign     <name>#<stage>#<counter>
 *   unassign   <name>#<stage>!#<counter>   (GTO may omit the counter)
 *   deprecate  <name>@deprecated#<counter>
 * GTO skips tags its regex does not match and lightweight tags; the counter of a new tag is one
 * more than the largest counter among the artifact's tags.
 */

const NAME = '[a-zA-Z0-9]([a-zA-Z0-9\\-/_]*[a-zA-Z0-9])?'
const SEMVER =
  '(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?'
const DIRNAME = '[a-zA-Z0-9\\-_./]+'

export const GTO_NAME_RE = new RegExp(`^${NAME}$`)

/** GTO's `tag_re`, with the `:` of `dirname:name` written `=` as in tags. */
export const GTO_TAG_RE = new RegExp(
  `^(?<artifact>(${DIRNAME}=)?${NAME})(((#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?))|@((?<deprecated>deprecated)|(?<created>created)))(#(?<counter>[0-9]+))?$`
)

/**
 * Blocked attempts: `<name>@blocked#<counter>`. GTO's regex does not match `@blocked`, so GTO and
 * DVC Studio skip these tags, while `history` reads the record inside.
 */
const BLOCKED_RE = new RegExp(`^(?<artifact>${NAME})@blocked#(?<counter>[0-9]+)$`)

/**
 * Counters are exact integers (GTO's are Python ints): a JS number would round a counter above
 * 2^53 and print one of 10^21 or more in exponent form, which is no tag name at all. Counters with
 * more than MAX_COUNTER_DIGITS digits are not read as tags: no registry writes 10^40 tags, and a
 * ref name that long may not fit the file system. See `nextCounter` for what that means for a
 * tag at the limit.
 */
export const MAX_COUNTER_DIGITS = 40

export type ParsedTag =
  | { kind: 'register'; model: string; version: string; counter?: bigint }
  | { kind: 'deregister'; model: string; version: string; counter?: bigint }
  | { kind: 'assign'; model: string; stage: string; counter?: bigint }
  | { kind: 'unassign'; model: string; stage: string; counter?: bigint }
  | { kind: 'deprecate'; model: string; counter?: bigint }
  | { kind: 'blocked'; model: string; counter: bigint }

/** A counter's digits as an exact integer, or undefined when it has more digits than allowed. */
const exactCounter = (digits: string): bigint | undefined =>
  digits.replace(/^0+(?=\d)/, '').length > MAX_COUNTER_DIGITS ? undefined : BigInt(digits)

export function parseTagName(name: string): ParsedTag | undefined {
  const blocked = BLOCKED_RE.exec(name)
  if (blocked) {
    const counter = exactCounter(blocked.groups!.counter!)
    return counter === undefined ? undefined : { kind: 'blocked', model: blocked.groups!.artifact!, counter }
  }
  const match = GTO_TAG_RE.exec(name)
  if (!match) return undefined
  const g = match.groups!
  const model = g.artifact!.replace('=', ':')
  let counter: { counter?: bigint } = {}
  if (g.counter !== undefined) {
    const exact = exactCounter(g.counter)
    if (exact === undefined) return undefined
    counter = { counter: exact }
  }
  if (g.version) return { kind: g.cancel ? 'deregister' : 'register', model, version: g.version, ...counter }
  if (g.stage) return { kind: g.cancel ? 'unassign' : 'assign', model, stage: g.stage, ...counter }
  if (g.deprecated) return { kind: 'deprecate', model, ...counter }
  return undefined
}

/** Checked before any git or API call: a name that is not GTO's breaks tags for everyone. */
export function assertModelName(model: string): void {
  if (!GTO_NAME_RE.test(model)) {
    throw new RegistryError(
      `invalid model name "${model}": letters, digits, "_", "-" and "/" only, starting and ending with a letter or digit (GTO's name rule)`
    )
  }
}

export function assertStageName(stage: string): void {
  if (!GTO_NAME_RE.test(stage)) throw new RegistryError(`invalid stage name "${stage}" (GTO's name rule)`)
}

export const registrationTag = (model: string, version: string): string => `${model}@${version}`
export const assignmentTag = (model: string, stage: string, counter: bigint | number): string =>
  `${model}#${stage}#${BigInt(counter)}`
export const unassignmentTag = (model: string, stage: string, counter: bigint | number): string =>
  `${model}#${stage}!#${BigInt(counter)}`
export const blockedTag = (model: string, counter: bigint | number): string =>
  `${model}@blocked#${BigInt(counter)}`

/** Whether `name` is a tag name modelgate or GTO writes (safe to hand to a workflow as an output). */
export const isRegistryTagName = (name: unknown): name is string =>
  typeof name === 'string' && name.length <= 512 && parseTagName(name) !== undefined

/** The tag-name prefixes that hold every tag of a model (for backends that can filter). */
export const modelTagPrefixes = (model: string): string[] => [`${model}@`, `${model}#`]
