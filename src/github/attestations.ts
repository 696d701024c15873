import { githubError, type GitHubClient } from './client.js'

interface Repo {
  owner: string
  repo: string
}

/**
 * Stores a Sigstore bundle in the repository's attestations (`POST /repos/{o}/{r}/attestations`,
 * needs `attestations: write`), where `gh attestation verify` looks for it by subject digest.
 * Returns the attestation's id. A retry after a lost answer stores a second copy of the same
 * bundle: harmless, both verify.
 */
export async function createAttestation(
  client: GitHubClient,
  repo: Repo,
  bundle: object
): Promise<number | undefined> {
  try {
    const { data } = await client.request('POST /repos/{owner}/{repo}/attestations', { ...repo, bundle })
    const id = (data as { id?: unknown } | undefined)?.id
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined
  } catch (error) {
    throw githubError('storing the signed record in the repository attestations', 'attestations', error)
  }
}
