import { GitHubError } from '../errors.js'
import { truncate } from '../records/escape.js'
import type { PublishedRecord, PublishRecordInput, StatusInput } from '../action/services.js'
import { githubError, statusOf, type GitHubClient } from './client.js'

interface Repo {
  owner: string
  repo: string
}

export const RECORD_ASSET = 'promotion-record.json'
/** GitHub caps release bodies at 125,000 characters. */
const MAX_NOTES = 120_000

interface ReleaseData {
  id: number
  html_url: string
  upload_url: string
  draft: boolean
  tag_name: string
  assets: Array<{ name: string; browser_download_url: string }>
}

/**
 * The record as a release for its registry tag: created as a draft, the record JSON attached,
 * then published, so repositories with immutable releases (assets frozen on publish) work. Never
 * marked "latest": audit releases must not displace a project's software releases. A re-run
 * finds the release its earlier attempt made (drafts are only visible in the list) and completes
 * whatever is missing, so nothing is duplicated.
 */
export async function publishRecord(
  client: GitHubClient,
  repo: Repo,
  input: PublishRecordInput
): Promise<PublishedRecord> {
  let release: ReleaseData
  let fresh = true
  try {
    const { data } = await client.repos.createRelease({
      ...repo,
      tag_name: input.tag,
      name: truncate(input.name, 200),
      body: truncate(input.notes, MAX_NOTES),
      draft: true,
      make_latest: 'false'
    })
    release = data
  } catch (error) {
    if (statusOf(error) !== 422) throw githubError(`creating the release for ${input.tag}`, 'releases', error)
    const existing = await findRelease(client, repo, input.tag)
    if (!existing) throw githubError(`creating the release for ${input.tag}`, 'releases', error)
    release = existing
    fresh = false
  }
  if (fresh || !release.assets.some((asset) => asset.name === RECORD_ASSET)) {
    try {
      await client.repos.uploadReleaseAsset({
        ...repo,
        release_id: release.id,
        name: RECORD_ASSET,
        data: `${JSON.stringify(input.record, null, 2)}\n`,
        url: release.upload_url,
        headers: { 'content-type': 'application/json' }
      } as unknown as Parameters<typeof client.repos.uploadReleaseAsset>[0])
    } catch (error) {
      if (statusOf(error) !== 422)
        throw githubError(`attaching ${RECORD_ASSET} to the release for ${input.tag}`, 'releases', error)
      // A retry after a lost answer meets its own asset ("already_exists"): that is success.
      const { data: assets } = await client.repos
        .listReleaseAssets({ ...repo, release_id: release.id, per_page: 100 })
        .catch((listError: unknown) => {
          throw githubError(`listing the assets of the release for ${input.tag}`, 'releases', listError)
        })
      if (!assets.some((asset) => asset.name === RECORD_ASSET)) {
        if (!release.draft)
          throw new GitHubError(
            `release ${input.tag} is published without its ${RECORD_ASSET} and GitHub refuses new assets (immutable releases); the record is in the tag message`,
            422,
            { cause: error }
          )
        throw githubError(`attaching ${RECORD_ASSET} to the release for ${input.tag}`, 'releases', error)
      }
    }
  }
  if (release.draft) {
    try {
      const { data } = await client.repos.updateRelease({
        ...repo,
        release_id: release.id,
        draft: false,
        make_latest: 'false'
      })
      release = data
    } catch (error) {
      throw githubError(`publishing the release for ${input.tag}`, 'releases', error)
    }
  }
  const asset = release.assets.find((a) => a.name === RECORD_ASSET)
  return { releaseUrl: release.html_url, recordUrl: asset?.browser_download_url ?? release.html_url }
}

async function findRelease(client: GitHubClient, repo: Repo, tag: string): Promise<ReleaseData | undefined> {
  try {
    for await (const page of client.paginate.iterator(client.repos.listReleases, {
      ...repo,
      per_page: 100
    })) {
      const found = page.data.find((release) => release.tag_name === tag)
      if (found) return found
    }
    return undefined
  } catch (error) {
    throw githubError(`looking up the release for ${tag}`, 'releases', error)
  }
}

/**
 * The `modelgate/<model>/<stage>` status on the model's commit. With `onlyIfMissing` (re-runs),
 * an identical status already there is left alone instead of stacking a duplicate.
 */
export async function setCommitStatus(
  client: GitHubClient,
  repo: Repo,
  input: StatusInput & { onlyIfMissing?: boolean }
): Promise<void> {
  const description = truncate(input.description, 140)
  try {
    if (input.onlyIfMissing) {
      const { data } = await client.repos.listCommitStatusesForRef({
        ...repo,
        ref: input.commit,
        per_page: 100
      })
      const current = data.find((s) => s.context === input.context)
      if (current && current.state === input.state && current.description === description) return
    }
    await client.repos.createCommitStatus({
      ...repo,
      sha: input.commit,
      state: input.state,
      context: input.context,
      description,
      ...(input.targetUrl && { target_url: input.targetUrl })
    })
  } catch (error) {
    throw githubError(`setting status ${input.context} on ${input.commit.slice(0, 12)}`, 'statuses', error)
  }
}
