// Runs drift of file pairs in a process of its own (`node --import tsx`), where the worker thread
// that parses the current file can load the TypeScript sources. Each pair runs twice, on a worker
// thread and on one thread (MODELGATE_NO_WORKERS is read at every call); prints every report or
// error as JSON, so one process start serves a whole test file.
import { driftOfFiles } from '../../src/evidence/columns/drift.js'
import { readTableOffThread } from '../../src/evidence/columns/parallel.js'
import { isModelgateError } from '../../src/errors.js'

interface Outcome {
  workers: boolean
  report?: unknown
  error?: string
}

async function drift(reference: string, current: string, useWorkers: boolean): Promise<Outcome> {
  process.env.MODELGATE_NO_WORKERS = useWorkers ? '0' : '1'
  // Whether this call can start the worker at all (so a passing test did use it).
  const probe = readTableOffThread(reference, { file: 'probe' })
  probe?.cancel()
  const workers = probe !== null
  try {
    const report = await driftOfFiles(
      { file: 'reference', path: reference },
      { file: 'current', path: current }
    )
    return { workers, report }
  } catch (error) {
    return { workers, error: isModelgateError(error) ? error.format() : String(error) }
  }
}

const pairs = JSON.parse(process.argv[2]!) as Array<[string, string]>
const results: Array<{ parallel: Outcome; sequential: Outcome }> = []
for (const [reference, current] of pairs)
  results.push({
    parallel: await drift(reference, current, true),
    sequential: await drift(reference, current, false)
  })
process.stdout.write(JSON.stringify(results))
