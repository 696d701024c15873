import { runUrl, type ActionContext } from './context.js'
import type { ActionServices } from './services.js'
import type { RecordLinks } from './summary.js'
import { AttestationError, GitHubError } from '../errors.js'
import { statusDescription, statusState, tagSummaryLine } from '../records/record.js'
import { renderRecordMarkdown } from '../records/render-markdown.js'
import type { PromotionRecord } from '../records/types.js'
import { buildHistory } from '../registry/state.js'
import type { RawTag } from '../registry/types.js'
import { historyRecords } from '../render/history.js'

/**
 * The model's records in the tags a command read, oldest first, for the charts of its release
 * notes and summary; `except` leaves out the tag the command itself wrote (its record is added as
 * written). The tags are what the command read anyway: the stages' recent windows.
 */
export function chartHistory(tags: readonly RawTag[], model: string, except?: string): PromotionRecord[] {
  return historyRecords(buildHistory(tags, model).filter((event) => event.tag !== except))
}

/**
 * Release (draft → record asset → publish), then the commit status pointing at it. The tag, and
 * with it the decision, is already in the registry: a failure here says so, and that a re-run of
 * the job completes the rest without writing anything twice.
 */
export async function publish(
  services: ActionServices,
  context: ActionContext,
  tag: string,
  record: PromotionRecord,
  commit: string,
  resumed = false,
  /** The model's earlier records, oldest first: the notes chart them with this one. */
  history?: readonly PromotionRecord[]
): Promise<RecordLinks> {
  const run = runUrl(context)
  let signature: string | undefined
  const sign = services.signRecord
  try {
    const published = await services.publishRecord({
      tag,
      record,
      name: tagSummaryLine(record),
      notes: renderRecordMarkdown(record, { run }, history),
      resumed,
      ...(sign && {
        bundle: async () => {
          const outcome = await sign(record)
          signature = outcome.note
          return outcome.bundle
        }
      })
    })
    await services.setStatus({
      commit,
      context: `modelgate/${record.model}/${record.to_stage}`,
      state: statusState(record),
      description: statusDescription(record),
      targetUrl: published.releaseUrl,
      onlyIfMissing: resumed
    })
    if (signature === undefined && published.bundleUrl)
      signature = 'a bundle was already attached (by an earlier attempt); modelgate verify checks it'
    return {
      tag,
      release: published.releaseUrl,
      record: published.recordUrl,
      run,
      ...(published.bundleUrl && { bundle: published.bundleUrl }),
      ...(signature !== undefined && { signature })
    }
  } catch (error) {
    if (!(error instanceof GitHubError) && !(error instanceof AttestationError)) throw error
    const what = record.event === 'blocked' ? 'blocked attempt' : record.event
    throw new GitHubError(
      `the ${what} is recorded in tag ${tag}, but its release and status are not complete: ${error.message}. Re-run this job to complete the release and status; nothing is written twice`,
      error instanceof GitHubError ? error.status : undefined,
      { cause: error }
    )
  }
}
