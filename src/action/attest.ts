import * as core from '@actions/core'
import type { ActionContext } from './context.js'
import type { ActionInputs, AttestMode } from './inputs.js'
import { sigstoreEndpoints, type EndpointOverrides, type SigstoreEndpoints } from '../attest/endpoints.js'
import { AttestationError, isModelgateError } from '../errors.js'
import { oneLine } from '../records/escape.js'
import { promotionStatement } from '../records/statement.js'
import type { PromotionRecord } from '../records/types.js'

type Env = Readonly<Record<string, string | undefined>>

/** What signing a record came to: the bundle to attach, and one line for the job summary. */
export interface SignOutcome {
  bundle?: string
  note: string
}

export type RecordSigner = (record: PromotionRecord) => Promise<SignOutcome>

/** Where the runner hands out OIDC tokens; present only when the job grants `id-token: write`. */
export function oidcRequest(env: Env): { url: string; token: string } | undefined {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  return url && token ? { url, token } : undefined
}

const PERMISSIONS = 'grant the job `permissions: id-token: write` and `attestations: write`'

/**
 * `attest: true` fails before anything is written when the job cannot sign: a promotion that
 * must be signed should not leave an unsigned tag behind.
 */
export function assertCanSign(inputs: ActionInputs, env: Env): void {
  if (inputs.attest !== 'true' || inputs.dryRun) return
  if (inputs.command !== 'promote' && inputs.command !== 'rollback') return
  if (!oidcRequest(env))
    throw new AttestationError(
      `input attest is true, but the job has no OIDC token to sign the record with: ${PERMISSIONS}`
    )
}

/**
 * Sigstore endpoints for this repository: public-good for public repositories, GitHub's instance
 * otherwise (the event payload's `repository.visibility`, as actions/attest decides).
 * `MODELGATE_SIGSTORE_INSTANCE` and `MODELGATE_SIGSTORE_{FULCIO,REKOR,TSA}_URL` override them (a
 * proxy, an air-gapped instance, tests). A bundle from any other Fulcio does not verify against
 * the trust roots, so these can break signing but never forge it.
 */
export function endpointsFor(context: ActionContext, env: Env): SigstoreEndpoints {
  const repository = context.event.repository as { visibility?: unknown } | undefined
  const instance = env.MODELGATE_SIGSTORE_INSTANCE
  const visibility =
    instance === 'public-good'
      ? 'public'
      : instance === 'github'
        ? 'private'
        : typeof repository?.visibility === 'string'
          ? repository.visibility
          : undefined
  const overrides: EndpointOverrides = {
    ...(env.MODELGATE_SIGSTORE_FULCIO_URL && { fulcioURL: env.MODELGATE_SIGSTORE_FULCIO_URL }),
    ...(env.MODELGATE_SIGSTORE_REKOR_URL && { rekorURL: env.MODELGATE_SIGSTORE_REKOR_URL }),
    ...(env.MODELGATE_SIGSTORE_TSA_URL && { tsaURL: env.MODELGATE_SIGSTORE_TSA_URL })
  }
  return sigstoreEndpoints(visibility, context.serverUrl, overrides)
}

/** The job's OIDC token for audience `sigstore`, masked before anything can print it. */
export async function fetchIdentityToken(request: { url: string; token: string }): Promise<string> {
  core.setSecret(request.token)
  const url = new URL(request.url)
  url.searchParams.set('audience', 'sigstore')
  let response: Response
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${request.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000)
    })
  } catch (error) {
    throw new AttestationError(`requesting the job's OIDC token failed: ${(error as Error).message}`)
  }
  if (!response.ok)
    throw new AttestationError(`requesting the job's OIDC token failed (HTTP ${response.status})`)
  const value = ((await response.json().catch(() => undefined)) as { value?: unknown } | undefined)?.value
  if (typeof value !== 'string' || !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(value))
    throw new AttestationError("the runner's OIDC endpoint answered without a token")
  core.setSecret(value)
  return value
}

/**
 * Signs records as the `attest` input asks. `false`: never. `auto`: when the job has an OIDC
 * token; without one, or when signing or storing fails, the record stays unsigned and the summary
 * says why (the promotion itself is already recorded). `true`: any of those fails the step.
 * A signed record goes to the repository's attestations and, as its bundle, beside the record.
 */
export function recordSigner(options: {
  mode: AttestMode
  context: ActionContext
  env: Env
  store: (bundle: object) => Promise<number | undefined>
}): RecordSigner {
  const { mode, context, env } = options
  return async (record) => {
    if (mode === 'false') return { note: 'not signed (input attest is false)' }
    const request = oidcRequest(env)
    if (!request) {
      if (mode === 'true')
        throw new AttestationError(`input attest is true, but the job has no OIDC token: ${PERMISSIONS}`)
      return { note: `not signed: the job has no OIDC token; ${PERMISSIONS} to sign records` }
    }
    const endpoints = endpointsFor(context, env)
    const refuse = (what: string, error: unknown): SignOutcome => {
      if (mode === 'true') throw error
      const why = oneLine(isModelgateError(error) ? error.message : String(error))
      core.warning(`modelgate: ${what}: ${why}`)
      return { note: `${what}: ${why}` }
    }
    let bundle: object
    try {
      // Loaded only here: Sigstore's client stays out of every run that does not sign.
      const { signStatement } = await import('../attest/sign.js')
      bundle = await signStatement(promotionStatement(record), {
        endpoints,
        identityToken: () => fetchIdentityToken(request)
      })
    } catch (error) {
      return refuse('not signed', error)
    }
    const text = `${JSON.stringify(bundle, null, 2)}\n`
    const signed = `signed with Sigstore (${endpoints.instance === 'public-good' ? 'public-good instance, Rekor log' : "GitHub's instance"})`
    try {
      const id = await options.store(bundle)
      return { bundle: text, note: `${signed}; stored as attestation${id === undefined ? '' : ` ${id}`}` }
    } catch (error) {
      const outcome = refuse(`${signed}, but not stored in the repository attestations`, error)
      return { bundle: text, note: outcome.note }
    }
  }
}
