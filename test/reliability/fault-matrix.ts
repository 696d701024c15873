import { MODEL } from '../e2e/fixtures.js'
import type { Fault } from '../simulator/server.js'

/**
 * The fault matrix: every GitHub operation one staging → prod promote makes, crossed with every
 * kind of failure GitHub and its storage produce. Each case is a sequence of job attempts (same
 * run, next attempt), each with its faults and what it must end in; the last attempt is always a
 * clean re-run that must complete the promotion and duplicate nothing.
 */

export type Outcome = 'promote' | 'error' | 'block'

export interface Attempt {
  faults: Fault[]
  expect: Outcome
  /** A failed attempt's one error line must match this. */
  message?: RegExp
}

export interface FaultCase {
  operation: string
  kind: string
  attempts: Attempt[]
}

/**
 * The reads of a promote: listing tags, reading tag objects with the policy (one GraphQL query),
 * environments, reviews, checks, evidence.
 */
export const READ_OPERATIONS = [
  'repos/get-all-environments',
  'git/list-matching-refs',
  'graphql:query',
  'checks/list-for-ref',
  'repos/get-combined-status-for-ref',
  'actions/list-workflow-run-artifacts',
  'actions/download-artifact',
  'actions/get-reviews-for-run'
] as const

/**
 * The writes: the tag objects (assignment, archival), both refs in one `updateRefs` mutation,
 * release draft, asset, publish, status.
 */
export const WRITE_OPERATIONS = [
  'git/create-tag',
  'graphql:mutation',
  'repos/create-release',
  'repos/upload-release-asset',
  'repos/update-release',
  'repos/create-commit-status'
] as const

/** Calls after the assignment tag exists: their failure must say the decision is recorded. */
const AFTER_THE_TAG = new Set([
  'repos/create-release',
  'repos/upload-release-asset',
  'repos/update-release',
  'repos/create-commit-status',
  'repos/list-releases',
  'repos/list-commit-statuses-for-ref'
])
const RECORDED = new RegExp(
  `the promotion is recorded in tag ${MODEL}#prod#4, but its release and status are not complete: `
)

/** Calls made only to recover (after a lost answer, on a resumed attempt). */
export const RECOVERY_OPERATIONS = ['repos/list-releases', 'repos/list-commit-statuses-for-ref'] as const

type FaultShape = Omit<Fault, 'operation'>

const clean: Attempt = { faults: [], expect: 'promote' }
/** Rate-limit answers are 403/429 with the headers GitHub documents; the waits are "seconds" of 1 ms here. */
const primaryLimit = (): FaultShape => ({
  status: 403,
  times: 1,
  headers: {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2)
  },
  body: {
    message: 'API rate limit exceeded for installation ID 1.',
    documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting'
  }
})
const secondaryLimit: FaultShape = {
  status: 403,
  times: 1,
  headers: { 'retry-after': '3' },
  body: {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
  }
}

/**
 * Per-attempt timeout the matrix runs with, and a hang that outlasts it. A second: long enough
 * that a busy machine (two jest workers on two cores) never turns a slow answer into a spurious
 * timeout that would use up a case's retries before its fault is met; short enough that the
 * ~25 hang cases cost seconds.
 */
export const TIMEOUT_MS = 1000
const HANG_MS = TIMEOUT_MS * 2.5

/** Transient failures: retried inside the attempt, which must then promote. */
const TRANSIENT: Record<string, () => FaultShape> = {
  'HTTP 500 twice': () => ({ status: 500, times: 2 }),
  'HTTP 502 twice': () => ({ status: 502, times: 2 }),
  'HTTP 503 twice': () => ({ status: 503, times: 2 }),
  'connection reset twice': () => ({ reset: true, times: 2 }),
  'no answer (timeout)': () => ({ reset: true, delayMs: HANG_MS, times: 1 }),
  '403 primary rate limit (x-ratelimit-reset)': primaryLimit,
  '403 secondary rate limit (retry-after)': () => secondaryLimit,
  '429 retry-after': () => ({ status: 429, times: 1, headers: { 'retry-after': '1' } })
}

/** The write happened, its answer was lost: the retry must recognise its own work. */
const LOST_ANSWER: Record<string, () => FaultShape> = {
  'lost answer: 502 after the write': () => ({ status: 502, after: true, times: 1 }),
  'lost answer: reset after the write': () => ({ reset: true, after: true, times: 1 }),
  'lost answer: timeout after the write': () => ({ reset: true, after: true, delayMs: HANG_MS, times: 1 })
}

/** A failure that outlasts every retry: one clear error, and the next attempt completes the job. */
const PERSISTENT: Record<string, { fault: () => FaultShape; message: RegExp }> = {
  'HTTP 503 on every retry': {
    fault: () => ({ status: 503 }),
    message: /failed \(HTTP 503\): simulated 503/
  },
  '403 not a rate limit (missing permission)': {
    fault: () => ({ status: 403, body: { message: 'Resource not accessible by integration' } }),
    message:
      /failed \(HTTP 403\): Resource not accessible by integration; the job needs `permissions: [a-z]+: (read|write)`/
  }
}

export function faultMatrix(): FaultCase[] {
  const cases: FaultCase[] = []
  const add = (operation: string, kind: string, attempts: Attempt[]): void => {
    cases.push({ operation, kind, attempts })
  }
  for (const operation of [...READ_OPERATIONS, ...WRITE_OPERATIONS]) {
    for (const [kind, shape] of Object.entries(TRANSIENT))
      add(operation, kind, [{ faults: [{ operation, ...shape() }], expect: 'promote' }, clean])
    for (const [kind, { fault, message }] of Object.entries(PERSISTENT))
      add(operation, kind, [
        {
          faults: [{ operation, ...fault() }],
          expect: 'error',
          message: AFTER_THE_TAG.has(operation)
            ? new RegExp(`${RECORDED.source}.*${message.source}`)
            : message
        },
        clean
      ])
  }
  for (const operation of WRITE_OPERATIONS)
    for (const [kind, shape] of Object.entries(LOST_ANSWER))
      add(operation, kind, [{ faults: [{ operation, ...shape() }], expect: 'promote' }, clean])

  // Artifact storage (a second origin, no token): its own retries, and a new signed URL on 403.
  const storage = 'storage'
  for (const kind of ['HTTP 500 twice', 'HTTP 503 twice', 'connection reset twice', 'no answer (timeout)'])
    add(storage, kind, [
      { faults: [{ operation: storage, ...TRANSIENT[kind]!() }], expect: 'promote' },
      clean
    ])
  add(storage, '403 expired signature (re-signed once)', [
    { faults: [{ operation: storage, status: 403, times: 1 }], expect: 'promote' },
    clean
  ])
  add(storage, 'HTTP 503 on every retry', [
    {
      faults: [{ operation: storage, status: 503 }],
      expect: 'error',
      message: /artifact storage failed after 4 attempts \(HTTP 503\)/
    },
    clean
  ])

  // An artifact that expired or was deleted: evidence is unavailable, and the message says why.
  for (const status of [404, 410])
    add('actions/download-artifact', `HTTP ${status} (expired or deleted artifact)`, [
      {
        faults: [{ operation: 'actions/download-artifact', status }],
        expect: 'error',
        message: new RegExp(`can no longer be downloaded \\(HTTP ${status}\\): it expired or was deleted`)
      },
      clean
    ])

  // Another job took the very tag name (counter) first: GitHub refuses the whole `updateRefs`.
  // The promote takes the next counters; the other job's version is archived with v1.
  add('graphql:mutation', 'another job took the tag name first', [
    {
      faults: [
        {
          operation: 'graphql:mutation',
          calls: [1],
          before: (state) => {
            const commit = state.addCommit('train v3')
            state.seedTag(`${MODEL}@v3.0.0`, commit, `Registering ${MODEL} v3.0.0`)
            state.seedTag(`${MODEL}#prod#4`, commit, 'Assigning prod to v3.0.0')
          }
        }
      ],
      expect: 'promote'
    },
    clean
  ])

  // The archival's tag object (the second tag object) fails for good: no ref was written, so
  // nothing is promoted, half or whole; the re-run promotes and archives v1 together.
  add('git/create-tag', 'HTTP 503 on every retry of the archival tag object', [
    {
      faults: [{ operation: 'git/create-tag', calls: [2, 3, 4, 5, 6], status: 503 }],
      expect: 'error',
      message: new RegExp(`creating tag object ${MODEL}#prod!#5 failed .*\\(HTTP 503\\)`)
    },
    clean
  ])
  // GitHub refuses the refs for another reason (none exists afterwards): nothing is promoted.
  add('graphql:mutation', 'refused (no ref written)', [
    {
      faults: [
        {
          operation: 'graphql:mutation',
          status: 200,
          body: { data: { updateRefs: null }, errors: [{ type: 'FORBIDDEN', message: 'refs are protected' }] }
        }
      ],
      expect: 'error',
      message: new RegExp(`creating refs for tags ${MODEL}#prod#4, ${MODEL}#prod!#5 .*refs are protected`)
    },
    clean
  ])

  // Recognising a lost answer takes a read of its own; that read fails too.
  // (A lost `updateRefs` answer is recognised by listing the refs again: matching-refs' 2nd call.)
  const secondFaults: Array<[string, Fault, number[] | undefined]> = [
    [
      'git/list-matching-refs',
      { operation: 'graphql:mutation', calls: [1], status: 502, after: true, times: 1 },
      [2, 3, 4, 5, 6]
    ],
    [
      'repos/list-release-assets',
      { operation: 'repos/upload-release-asset', calls: [1], status: 502, after: true },
      undefined
    ]
  ]
  for (const [operation, lost, calls] of secondFaults) {
    for (const [kind, shape] of Object.entries(TRANSIENT))
      add(operation, `${kind}, after a lost answer`, [
        { faults: [lost, { operation, ...shape(), ...(calls && { calls }) }], expect: 'promote' },
        clean
      ])
    for (const [kind, { fault, message }] of Object.entries(PERSISTENT))
      add(operation, `${kind}, after a lost answer`, [
        { faults: [lost, { operation, ...fault(), ...(calls && { calls }) }], expect: 'error', message },
        clean
      ])
  }

  // Recovery calls, faulted on the attempt that needs them: attempt 1 wrote the assignment and
  // died before its release; attempt 2 must find the tag, then look for a release.
  const halfDone: Attempt = {
    faults: [{ operation: 'repos/create-release', status: 503 }],
    expect: 'error',
    message: new RegExp(
      `${RECORDED.source}creating the release for .* failed \\(HTTP 503\\).*Re-run this job`
    )
  }
  for (const operation of RECOVERY_OPERATIONS) {
    for (const [kind, shape] of Object.entries(TRANSIENT))
      add(operation, kind, [halfDone, { faults: [{ operation, ...shape() }], expect: 'promote' }, clean])
    for (const [kind, { fault, message }] of Object.entries(PERSISTENT))
      add(operation, kind, [
        halfDone,
        {
          faults: [{ operation, ...fault() }],
          expect: 'error',
          message: new RegExp(`${RECORDED.source}.*${message.source}`)
        },
        clean
      ])
  }
  return cases
}
