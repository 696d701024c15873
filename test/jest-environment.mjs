import { TestEnvironment } from 'jest-environment-node'
import { sep } from 'node:path'

/*
 * Jest's node environment, plus a quick exit for jest's worker processes. A worker whose event
 * loop has emptied still takes longer than jest's 500 ms grace to tear down (V8 disposes the heap
 * and the contexts of every test file it ran), so jest reported "A worker process has failed to
 * exit gracefully" although no handle was left open. Exiting from the 'exit' event skips that
 * teardown; 'exit' comes once the event loop is empty, so no write is still pending. Only in a
 * worker: run in band, jest itself sets the failure exit code from a later 'exit' listener.
 */

const inJestWorker = (process.argv[1] ?? '').endsWith(['jest-worker', 'build', 'processChild.js'].join(sep))
let exitInstalled = false

export default class ModelgateEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    if (inJestWorker && !exitInstalled) {
      exitInstalled = true
      process.once('exit', (code) => process.exit(code))
    }
  }
}
