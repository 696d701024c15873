#!/usr/bin/env node
/**
 * Extracts the GitHub REST operations modelgate calls from GitHub's OpenAPI description into a
 * small, self-contained fixture the local API simulator (test/simulator) validates against.
 *
 * The description is 13 MB and lives in `@octokit/openapi`, which is deliberately NOT a project
 * dependency. To re-run (for example after GitHub changes an endpoint):
 *
 *   mkdir -p /tmp/openapi && cd /tmp/openapi && npm init -y >/dev/null && npm i @octokit/openapi
 *   cd -   # back to the repository
 *   node scripts/extract-openapi.mjs /tmp/openapi/node_modules/@octokit/openapi/generated/api.github.com.json \
 *     > test/fixtures/github-openapi.json
 *
 * The output keeps OpenAPI 3.0 structure (`paths`, `components.schemas`) for the listed
 * operations only: parameters, request bodies and responses are inlined, schemas stay `$ref`s into
 * a pruned `components.schemas` holding just what those operations reach, and prose (descriptions,
 * examples) is dropped. Adding a call to modelgate means adding its operationId to OPERATIONS.
 */
import { readFileSync } from 'node:fs'

/** Every operation modelgate (or its tests) sends to GitHub, by operationId. */
export const OPERATIONS = [
  // evidence from workflow artifacts
  'actions/list-workflow-run-artifacts',
  'actions/get-artifact',
  'actions/download-artifact',
  // provenance of artifacts and who requested the run (every attempt)
  'actions/get-workflow-run',
  'actions/get-workflow-run-attempt',
  // approvals and their environments
  'actions/get-reviews-for-run',
  'repos/get-environment',
  'repos/get-all-environments',
  // what an environment guards: its deployment-branch rules and the branch's protection
  'repos/list-deployment-branch-policies',
  'repos/get-branch',
  // `checks` gates
  'checks/list-for-ref',
  'repos/get-combined-status-for-ref',
  'repos/list-commit-statuses-for-ref',
  // the registry: GTO tags through the git data API
  'git/list-matching-refs',
  'git/get-ref',
  'git/get-tag',
  'git/create-tag',
  'git/create-ref',
  'git/get-commit',
  'repos/get-commit',
  'repos/get',
  // the policy, read at a pinned ref (action input policy-ref)
  'repos/get-content',
  // records as releases, statuses on the model commit
  'repos/list-releases',
  'repos/get-release',
  'repos/get-release-by-tag',
  'repos/create-release',
  'repos/update-release',
  'repos/list-release-assets',
  'repos/get-release-asset',
  'repos/upload-release-asset',
  'repos/delete-release-asset',
  'repos/create-commit-status',
  // signed records: the Sigstore bundle into the repository's attestations
  'repos/create-attestation',
  // who the token is: the only author whose draft release a re-run adopts
  'users/get-authenticated'
]

const DROP_KEYS = new Set(['description', 'example', 'examples', 'externalDocs', 'x-github', 'x-octokit'])

function main() {
  const file = process.argv[2]
  if (!file) {
    process.stderr.write('usage: node scripts/extract-openapi.mjs <path to api.github.com.json>\n')
    process.exit(2)
  }
  const spec = JSON.parse(readFileSync(file, 'utf8'))
  const wanted = new Set(OPERATIONS)
  const schemas = new Map()

  /** Follows `#/components/<kind>/<name>` pointers inside the full description. */
  const lookup = (ref) => {
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref)
    if (!match) throw new Error(`unsupported $ref ${ref}`)
    const found = spec.components?.[match[1]]?.[match[2]]
    if (found === undefined) throw new Error(`dangling $ref ${ref}`)
    return { kind: match[1], name: match[2], value: found }
  }

  /** Copies a node without prose; schema refs are kept (and collected), every other ref inlined. */
  const clean = (node) => {
    if (Array.isArray(node)) return node.map(clean)
    if (!node || typeof node !== 'object') return node
    if (typeof node.$ref === 'string') {
      const target = lookup(node.$ref)
      if (target.kind === 'schemas') {
        if (!schemas.has(target.name)) {
          schemas.set(target.name, null) // reserve first: schemas may be recursive
          schemas.set(target.name, clean(target.value))
        }
        return { $ref: node.$ref }
      }
      return clean(target.value)
    }
    const out = {}
    for (const [key, value] of Object.entries(node)) {
      if (DROP_KEYS.has(key)) continue
      // `properties` maps names to schemas: a property may be called "description" or "example".
      if (key === 'properties' && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, clean(schema)]))
        continue
      }
      out[key] = clean(value)
    }
    return out
  }

  const paths = {}
  const seen = new Set()
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !wanted.has(operation.operationId)) continue
      seen.add(operation.operationId)
      const copy = clean(operation)
      delete copy.tags
      // Path-level parameters apply to every operation under the path.
      if (Array.isArray(item.parameters))
        copy.parameters = [...clean(item.parameters), ...(copy.parameters ?? [])]
      paths[path] ??= {}
      paths[path][method] = copy
    }
  }
  const missing = OPERATIONS.filter((id) => !seen.has(id))
  if (missing.length > 0) throw new Error(`operations not found in ${file}: ${missing.join(', ')}`)

  const packageJson = (() => {
    try {
      return JSON.parse(readFileSync(new URL('../package.json', `file://${file}`), 'utf8'))
    } catch {
      return {}
    }
  })()
  const fixture = {
    openapi: spec.openapi,
    info: {
      title: 'GitHub REST operations used by modelgate (extracted)',
      version: spec.info?.version,
      'x-source': `${packageJson.name ?? 'GitHub OpenAPI description'}${packageJson.version ? `@${packageJson.version}` : ''} ${file.split('/').slice(-2).join('/')}`,
      'x-generated-by': 'scripts/extract-openapi.mjs'
    },
    servers: spec.servers,
    paths,
    components: { schemas: Object.fromEntries([...schemas].sort(([a], [b]) => a.localeCompare(b))) }
  }
  process.stdout.write(`${JSON.stringify(fixture, null, 1)}\n`)
}

main()
