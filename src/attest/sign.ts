import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle'
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness, type Witness } from '@sigstore/sign'
import { AttestationError } from '../errors.js'
import { IN_TOTO_PAYLOAD_TYPE, type PromotionStatement } from '../records/statement.js'
import type { SigstoreEndpoints } from './endpoints.js'

export type { SerializedBundle } from '@sigstore/bundle'

export interface SignOptions {
  endpoints: SigstoreEndpoints
  /** An OIDC identity token with audience `sigstore` (in a workflow: the job's token). */
  identityToken: () => Promise<string>
  /** Per-request timeout towards Fulcio, Rekor and the TSA. */
  timeoutMs?: number
  retries?: number
}

/*
 * Why not `@actions/attest`, the library behind `actions/attest`: it hardcodes the Sigstore URLs
 * (public-good, or `fulcio.<host>`/`timestamp.<host>` from GITHUB_SERVER_URL) and posts through
 * its own Octokit, so it can be tested only against the real services. This module makes the same
 * choices with `@sigstore/sign` directly (configurable Fulcio, Rekor and TSA URLs), and the action
 * stores the bundle through modelgate's client (src/github/attestations.ts).
 */

/**
 * Signs the statement as a DSSE envelope inside a Sigstore bundle (v0.3): an ephemeral key, a
 * short-lived Fulcio certificate binding it to the workflow's OIDC identity, and a witness that
 * the signature existed while the certificate was valid (a Rekor entry, or an RFC 3161 timestamp
 * on GitHub's instance). The key never leaves memory.
 */
export async function signStatement(
  statement: PromotionStatement,
  options: SignOptions
): Promise<SerializedBundle> {
  const { endpoints } = options
  const timeout = options.timeoutMs ?? 10_000
  const retry = options.retries ?? 3
  const witnesses: Witness[] = []
  if (endpoints.rekorURL)
    witnesses.push(
      new RekorWitness({ rekorBaseURL: endpoints.rekorURL, fetchOnConflict: true, timeout, retry })
    )
  if (endpoints.tsaURL) witnesses.push(new TSAWitness({ tsaBaseURL: endpoints.tsaURL, timeout, retry }))
  if (witnesses.length === 0)
    throw new AttestationError('signing needs a transparency log or a timestamp authority')
  // Kept to scrub it from errors: Sigstore's messages may quote a token it could not parse.
  const tokens: string[] = []
  const getToken = async (): Promise<string> => {
    const token = await options.identityToken()
    tokens.push(token)
    return token
  }
  const signer = new FulcioSigner({
    fulcioBaseURL: endpoints.fulcioURL,
    identityProvider: { getToken },
    timeout,
    retry
  })
  const builder = new DSSEBundleBuilder({ signer, witnesses })
  try {
    const bundle = await builder.create({
      data: Buffer.from(JSON.stringify(statement), 'utf8'),
      type: IN_TOTO_PAYLOAD_TYPE
    })
    return bundleToJSON(bundle)
  } catch (error) {
    throw new AttestationError(
      `signing the record with Sigstore failed: ${causeChain(error, tokens)}`,
      undefined,
      {
        cause: error
      }
    )
  }
}

/** "error creating signing certificate: HTTP 401: …": each cause once, bounded. */
function causeChain(error: unknown, secrets: readonly string[]): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : String(current)
    if (message && !parts.includes(message)) parts.push(message)
    current = current instanceof Error ? (current as { cause?: unknown }).cause : undefined
  }
  let text = parts.join(': ')
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join('***')
  return text.replace(/\s+/g, ' ').slice(0, 500)
}
