import { createHash } from 'node:crypto'
import { GitHubError } from '../errors.js'
import { truncate } from '../records/escape.js'
import { fitReleaseNotes } from '../records/render-markdown.js'
import type { PromotionRecord } from '../records/types.js'
import { githubError, statusOf, type GitHubClient } from './client.js'
import { createOnce, NO_BLIND_RETRY } from './create-once.js'

interface Repo {
  owner: string
  repo: string
}

export const RECORD_ASSET = 'promotion-record.json'
/** The record's Sigstore bundle, beside the record (docs/records.md, "Signed records"). */
export const BUNDLE_ASSET = 'promotion-record.sigstore.json'

export interface PublishRecordInput {
  /** Registry tag the release is for (assignment, blocked attempt or rollback). */
  tag: string
  record: PromotionRecord
  /** Release title and notes (markdown, already escaped). */
  name: string
  notes: string
  /** The tag was written by an earlier attempt: a release for it may already exist, even as a draft. */
  resumed?: boolean
  /**
   * The record's Sigstore bundle (JSON text), asked for only while the release is a draft without
   * one: a re-run that finds it attached signs nothing again. Undefined, or answering undefined:
   * the record is not signed.
   */
  bundle?: () => Promise<string | undefined>
}

export interface PublishedRecord {
  releaseUrl: string
  recordUrl: string
  /** The bundle asset, when the release carries one. */
  bundleUrl?: string
}

interface ReleaseAsset {
  id: number
  name: string
  state?: string
  browser_download_url: string
  /** `sha256:<hex>` of the bytes; null or absent where GitHub does not report it (older servers). */
  digest?: string | null
}

interface ReleaseData {
  id: number
  html_url: string
  upload_url: string
  draft: boolean
  tag_name: string
  author?: { login?: string } | null
  assets: ReleaseAsset[]
}

/** The exact bytes of a record asset: what `publishRecord` uploads and what adoption compares. */
export function recordAssetBytes(record: PublishRecordInput['record']): string {
  return `${JSON.stringify(record, null, 2)}\n`
}

/** The author of the GitHub Actions token's writes (releases, statuses, tags without a tagger). */
export const ACTIONS_BOT = 'github-actions[bot]'

/**
 * Who the token is, as the author GitHub records on the releases it creates. A user token (a PAT,
 * an OAuth token) can read `GET /user`; an installation token (the workflow's GITHUB_TOKEN, or
 * another app's) is refused with 403, and GITHUB_TOKEN's writes are authored by
 * `github-actions[bot]`. Another app's token therefore adopts nothing and makes fresh releases:
 * safe, at the cost of a draft left behind.
 */
export async function tokenIdentity(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.users.getAuthenticated()
    if (typeof data.login === 'string' && data.login !== '') return data.login
    throw new GitHubError('GET /user answered without a login')
  } catch (error) {
    const status = statusOf(error)
    if (status === 403 || status === 401 || status === 404) return ACTIONS_BOT
    throw githubError('reading which account the token belongs to', undefined, error)
  }
}

/**
 * The record as a release for its registry tag: created as a draft, the record JSON attached,
 * then published, so repositories with immutable releases (assets frozen on publish) work. Never
 * marked "latest": audit releases must not displace a project's software releases. A re-run
 * finds the release its earlier attempt made (drafts are only visible in the list) and completes
 * whatever is missing, so nothing is duplicated.
 *
 * Only a release this workflow wrote is adopted (see `claimRelease`): its author is the token's
 * identity and its record asset, if any, is byte-for-byte the record in the tag. Anyone who can
 * create releases can pre-create a draft for a predictable tag name; such a draft is never
 * published, and its title and notes never survive: an adopted draft is published with ours.
 */
export async function publishRecord(
  client: GitHubClient,
  repo: Repo,
  input: PublishRecordInput,
  options: PublishOptions = {}
): Promise<PublishedRecord> {
  let release: ReleaseData
  let fresh: boolean
  const expected = recordAssetBytes(input.record)
  let identity: Promise<string> | undefined
  const claims: Claims = {
    identity: () => (identity ??= options.identity ? options.identity() : tokenIdentity(client)),
    asset: (asset) => assetMatches(client, repo, asset, expected)
  }
  const find = (): Promise<ReleaseData | undefined> => findOwnRelease(client, repo, input.tag, claims)
  // GitHub does not refuse a second DRAFT for a tag, so "create, and on 422 find" only dedupes
  // published releases. Where an earlier attempt may have left a draft, look first; where this
  // attempt's own create lost its answer, look before creating again (createOnce).
  const lookupFirst = options.lookupFirst ?? (input.resumed === true || isRerun(input))
  const earlier = lookupFirst ? await find() : undefined
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
        find
      )
      release = created.value
      fresh = !created.recovered
    } catch (error) {
      if (statusOf(error) !== 422)
        throw githubError(`creating the release for ${input.tag}`, 'releases', error)
      const existing = await find()
      if (!existing) throw githubError(`creating the release for ${input.tag}`, 'releases', error)
      release = existing
      fresh = false
    }
  for (const name of [RECORD_ASSET, BUNDLE_ASSET]) {
    const broken = release.assets.find((asset) => asset.name === name && asset.state !== 'uploaded')
    if (!broken || !release.draft) continue
    // An upload cut off mid-way leaves an asset GitHub never finished: replace it before publishing.
    try {
      await client.repos.deleteReleaseAsset({ ...repo, asset_id: broken.id })
    } catch (error) {
      throw githubError(`removing the unfinished ${name} of ${input.tag}`, 'releases', error)
    }
    release = { ...release, assets: release.assets.filter((asset) => asset.id !== broken.id) }
  }
  if (fresh || !release.assets.some((asset) => asset.name === RECORD_ASSET)) {
    try {
      await client.repos.uploadReleaseAsset({
        ...repo,
        release_id: release.id,
        name: RECORD_ASSET,
        data: expected,
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
      const found = assets.find((asset) => asset.name === RECORD_ASSET)
      if (!found) {
        if (!release.draft)
          throw new GitHubError(
            `release ${input.tag} is published without its ${RECORD_ASSET} and GitHub refuses new assets (immutable releases); the record is in the tag message`,
            422,
            { cause: error }
          )
        throw githubError(`attaching ${RECORD_ASSET} to the release for ${input.tag}`, 'releases', error)
      }
      if (!(await claims.asset(found)))
        throw new GitHubError(
          `the ${RECORD_ASSET} attached to the release for ${input.tag} is not the record in the tag; modelgate does not publish it`,
          422,
          { cause: error }
        )
    }
  }
  let bundleUrl = release.assets.find(
    (a) => a.name === BUNDLE_ASSET && a.state === 'uploaded'
  )?.browser_download_url
  if (input.bundle && bundleUrl === undefined && release.draft) {
    const text = await input.bundle()
    if (text !== undefined) bundleUrl = await attachBundle(client, repo, release, input.tag, text)
  }
  if (release.draft) {
    try {
      // Title and notes are set again: an adopted draft publishes with this record's, never with
      // whatever the draft held.
      const { data } = await client.repos.updateRelease({
        ...repo,
        release_id: release.id,
        name: truncate(input.name, 200),
        body: fitReleaseNotes(input.notes),
        draft: false,
        make_latest: 'false'
      })
      release = data
    } catch (error) {
      throw githubError(`publishing the release for ${input.tag}`, 'releases', error)
    }
  }
  const asset = release.assets.find((a) => a.name === RECORD_ASSET)
  bundleUrl = release.assets.find((a) => a.name === BUNDLE_ASSET)?.browser_download_url ?? bundleUrl
  return {
    releaseUrl: release.html_url,
    recordUrl: asset?.browser_download_url ?? release.html_url,
    ...(bundleUrl !== undefined && { bundleUrl })
  }
}

/** Uploads the bundle to the draft; a retry that meets its own earlier upload takes that one. */
async function attachBundle(
  client: GitHubClient,
  repo: Repo,
  release: ReleaseData,
  tag: string,
  text: string
): Promise<string> {
  try {
    const { data } = await client.repos.uploadReleaseAsset({
      ...repo,
      release_id: release.id,
      name: BUNDLE_ASSET,
      data: text,
      url: release.upload_url,
      headers: { 'content-type': 'application/json' }
    } as unknown as Parameters<typeof client.repos.uploadReleaseAsset>[0])
    return data.browser_download_url
  } catch (error) {
    if (statusOf(error) === 422) {
      const { data: assets } = await client.repos
        .listReleaseAssets({ ...repo, release_id: release.id, per_page: 100 })
        .catch(() => ({ data: [] as ReleaseAsset[] }))
      const found = assets.find((asset) => asset.name === BUNDLE_ASSET)
      if (found) return found.browser_download_url
    }
    throw githubError(`attaching ${BUNDLE_ASSET} to the release for ${tag}`, 'releases', error)
  }
}

export interface PublishOptions {
  /**
   * Look for a release of the tag (drafts included) before creating one. Default: when the record
   * is from a re-run (run attempt > 1). Pass true whenever the tag was not created by this call's
   * caller just now (a resumed attempt): one list request buys no duplicate draft.
   */
  lookupFirst?: boolean
  /** The token's identity (default: `tokenIdentity`, asked only when a candidate release exists). */
  identity?: () => Promise<string>
}

interface Claims {
  identity(): Promise<string>
  asset(asset: ReleaseAsset): Promise<boolean>
}

function isRerun(input: PublishRecordInput): boolean {
  const attempt = Number(input.record.run?.attempt ?? 1)
  return Number.isFinite(attempt) && attempt > 1
}

/**
 * Whether a release of the tag is one this workflow wrote: authored by the token's identity,
 * holding no asset modelgate does not attach, and either without a finished record asset yet (a
 * draft an interrupted attempt left) or with the tag's record byte for byte. A published release
 * needs the record: publishing is the last step.
 */
async function claimRelease(release: ReleaseData, claims: Claims): Promise<string | undefined> {
  const author = release.author?.login ?? ''
  const identity = await claims.identity()
  if (author.toLowerCase() !== identity.toLowerCase())
    return `authored by ${author === '' ? 'nobody known' : author}, not by this workflow's token (${identity})`
  // Another workflow run under the same token can attach anything beside a copy of the record.
  const foreign = release.assets.find((asset) => asset.name !== RECORD_ASSET && asset.name !== BUNDLE_ASSET)
  if (foreign)
    return `it holds an asset modelgate does not attach (${JSON.stringify(truncate(foreign.name, 80))})`
  const recordAsset = release.assets.find(
    (asset) => asset.name === RECORD_ASSET && asset.state === 'uploaded'
  )
  if (!recordAsset) return release.draft ? undefined : `published without ${RECORD_ASSET}`
  return (await claims.asset(recordAsset)) ? undefined : `its ${RECORD_ASSET} is not the record in the tag`
}

/** Compares an asset with the expected bytes: by GitHub's digest when reported, else by download. */
async function assetMatches(
  client: GitHubClient,
  repo: Repo,
  asset: ReleaseAsset,
  expected: string
): Promise<boolean> {
  const want = `sha256:${createHash('sha256').update(expected).digest('hex')}`
  if (typeof asset.digest === 'string' && asset.digest !== '') return asset.digest.toLowerCase() === want
  let bytes: ArrayBuffer | string
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
      ...repo,
      asset_id: asset.id,
      headers: { accept: 'application/octet-stream' }
    })
    bytes = data as unknown as ArrayBuffer | string
  } catch (error) {
    throw githubError(`reading ${RECORD_ASSET} of a release to compare it with the tag`, 'releases', error)
  }
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)
  return buffer.length === Buffer.byteLength(expected) && buffer.toString('utf8') === expected
}

/**
 * The release of a tag this workflow wrote (see `claimRelease`), drafts included
 * (`GET /releases/tags/{tag}` cannot see drafts). A release of the tag that is PUBLISHED but not
 * ours blocks ours (GitHub allows one published release per tag): that fails, saying why. Drafts
 * that are not ours are left alone, unpublished.
 */
async function findOwnRelease(
  client: GitHubClient,
  repo: Repo,
  tag: string,
  claims: Claims
): Promise<ReleaseData | undefined> {
  const candidates: ReleaseData[] = []
  try {
    for await (const page of client.paginate.iterator(client.repos.listReleases, {
      ...repo,
      per_page: 100
    })) {
      candidates.push(...(page.data as ReleaseData[]).filter((release) => release.tag_name === tag))
    }
  } catch (error) {
    throw githubError(`looking up the release for ${tag}`, 'releases', error)
  }
  let foreignPublished: { release: ReleaseData; why: string } | undefined
  // Published first: if one is ours, it is the release; drafts beside it are leftovers.
  for (const release of [...candidates].sort((a, b) => Number(a.draft) - Number(b.draft))) {
    const why = await claimRelease(release, claims)
    if (why === undefined) return release
    if (!release.draft) foreignPublished ??= { release, why }
  }
  if (foreignPublished)
    throw new GitHubError(
      `a published release for ${tag} already exists and modelgate did not write it (${foreignPublished.why}): ${foreignPublished.release.html_url}. Delete it and re-run this job; the record itself is in the tag`,
      409
    )
  return undefined
}

/** The first release of a tag, drafts included (`GET /releases/tags/{tag}` cannot see drafts). */
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
      const found = (page.data as ReleaseData[]).find((release) => release.tag_name === tag)
      if (found) return found
    }
    return undefined
  } catch (error) {
    throw githubError(`looking up the release for ${tag}`, 'releases', error)
  }
}
