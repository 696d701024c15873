import * as core from '@actions/core'

/** The GitHub Action. Until the action issue lands, evaluation of local evidence only. */
export async function run(): Promise<void> {
  core.setFailed('modelgate action: not built yet')
}
