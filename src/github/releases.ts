import { GitHubError } from '../errors.js'
import { truncate } from '../records/escape.js'
import { fitReleaseNotes } from '../records/render-markdown.js'
import type { PublishedRecord, PublishRecordInput } from '../action/services.js'
import { githubError, statusOf, type GitHubClient } from './client.js'
import { createOnce, NO_BLIND_RETRY } from './create-once.js'

interface Repo {
  owner: string
  repo: string
}

export const RECORD_ASSET = 'promotion-record.json'

interface ReleaseData {
  id: number
  html_url: string
  upload_url: string
  draft: boolean
  tag_name: string
  assets: Array<{ id: number; name: string; state?: string; browser_download_url: string }>
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
  input: PublishRecordInput,
  options: PublishOptions = {}
): Promise<PublishedRecord> {
  let release: ReleaseData
  let fresh: boolean
  // GitHub does not refuse a second DRAFT for a tag, so "create, and on 422 find" only dedupes
  // published releases. Where an earlier attempt may have left a draft, look first; where this
  // attempt's own create lost its answer, look before creating again (createOnce).
  const lookupFirst = options.lookupFirst ?? (input.resumed === true || isRerun(input))
  const earlier = lookupFirst ? await findRelease(client, repo, input.tag) : undefined
  if (earlier) {
    release = earlier
    fresh = false
  } else
    try {
      const created = await createOnce(
        client,
        async () =>
          (
            await client.repos.createRelease({
              ...repo,
              tag_name: input.tag,
              name: truncate(input.name, 200),
              body: fitReleaseNotes(input.notes),
              draft: true,
              make_latest: 'false',
              ...NO_BLIND_RETRY
            })
          ).data,
        () => findRelease(client, repo, input.tag)
      )
      release = created.value
      fresh = !created.recovered
    } catch (error) {
      if (statusOf(error) !== 422)
        throw githubError(`creating the release for ${input.tag}`, 'releases', error)
      const existing = await findRelease(client, repo, input.tag)
      if (!existing) throw githubError(`creating the release for ${input.tag}`, 'releases', error)
      release = existing
      fresh = false
    }
  const broken = release.assets.find((asset) => asset.name === RECORD_ASSET && asset.state !== 'uploaded')
  if (broken && release.draft) {
    // An upload cut off mid-way leaves an asset GitHub never finished: replace it before publishing.
    try {
      await client.repos.deleteReleaseAsset({ ...repo, asset_id: broken.id })
    } catch (error) {
      throw githubError(`removing the unfinished ${RECORD_ASSET} of ${input.tag}`, 'releases', error)
    }
    release = { ...release, assets: release.assets.filter((asset) => asset.id !== broken.id) }
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

export interface PublishOptions {
  /**
   * Look for a release of the tag (drafts included) before creating one. Default: when the record
   * is from a re-run (run attempt > 1). Pass true whenever the tag was not created by this call's
   * caller just now (a resumed attempt): one list request buys no duplicate draft.
   */
  lookupFirst?: boolean
}

function isRerun(input: PublishRecordInput): boolean {
  const attempt = Number(input.record.run?.attempt ?? 1)
  return Number.isFinite(attempt) && attempt > 1
}

/** The release of a tag, drafts included (`GET /releases/tags/{tag}` cannot see drafts). */
export async function findRelease(
  client: GitHubClient,
  repo: Repo,
  tag: string
): Promise<ReleaseData | undefined> {
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

/** Kept here for the action wiring's import; the status lives in statuses.ts. */
export { setCommitStatus } from './statuses.js'
