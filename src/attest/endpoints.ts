/**
 * Where a statement is signed. Public repositories use Sigstore's public-good instance: Fulcio
 * issues the certificate and Rekor, a public transparency log, witnesses the signature. Private
 * and internal repositories use GitHub's Sigstore instance: its Fulcio and a timestamp authority,
 * no public log (nothing about a private repository becomes public). The same choice
 * `actions/attest` makes, so `gh attestation verify` accepts either.
 */
export interface SigstoreEndpoints {
  /** `public-good` or `github`: which trust root verifies the bundle. */
  instance: 'public-good' | 'github'
  fulcioURL: string
  rekorURL?: string
  tsaURL?: string
}

export interface EndpointOverrides {
  fulcioURL?: string
  rekorURL?: string
  tsaURL?: string
}

export const PUBLIC_GOOD_FULCIO = 'https://fulcio.sigstore.dev'
export const PUBLIC_GOOD_REKOR = 'https://rekor.sigstore.dev'

/**
 * The endpoints for a repository of the given visibility on the given GitHub server. github.com's
 * instance lives under githubapp.com; GitHub Enterprise Cloud with data residency (`*.ghe.com`)
 * serves its own under the same host. Overrides (tests, air-gapped setups) replace single URLs;
 * a Rekor or TSA override adds that witness.
 */
export function sigstoreEndpoints(
  visibility: string | undefined,
  serverUrl: string,
  overrides: EndpointOverrides = {}
): SigstoreEndpoints {
  const base: SigstoreEndpoints =
    visibility === 'public'
      ? { instance: 'public-good', fulcioURL: PUBLIC_GOOD_FULCIO, rekorURL: PUBLIC_GOOD_REKOR }
      : githubInstance(serverUrl)
  return {
    ...base,
    ...(overrides.fulcioURL && { fulcioURL: overrides.fulcioURL }),
    ...(overrides.rekorURL && { rekorURL: overrides.rekorURL }),
    ...(overrides.tsaURL && { tsaURL: overrides.tsaURL })
  }
}

function githubInstance(serverUrl: string): SigstoreEndpoints {
  let host = 'github.com'
  try {
    host = new URL(serverUrl).hostname || host
  } catch {
    // an unusable server URL: github.com's instance, which then refuses a foreign token
  }
  if (host === 'github.com') host = 'githubapp.com'
  return { instance: 'github', fulcioURL: `https://fulcio.${host}`, tsaURL: `https://timestamp.${host}` }
}
