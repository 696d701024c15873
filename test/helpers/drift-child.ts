// Runs drift of two files in a process of its own (`node --import tsx`), where the worker thread
// that parses the current file can load the TypeScript sources: prints the report or the error.
import { driftOfFiles } from '../../src/evidence/columns/drift.js'
import { readTableOffThread } from '../../src/evidence/columns/parallel.js'
import { isModelgateError } from '../../src/errors.js'

const [reference, current] = process.argv.slice(2)
// Whether this process can start the worker at all (so a passing test did use it).
const probe = readTableOffThread(reference!, { file: 'probe' })
probe?.cancel()
const workers = probe !== null
try {
  const report = await driftOfFiles(
    { file: 'reference', path: reference! },
    { file: 'current', path: current! }
  )
  process.stdout.write(JSON.stringify({ workers, report }))
} catch (error) {
  process.stdout.write(
    JSON.stringify({ workers, error: isModelgateError(error) ? error.format() : String(error) })
  )
}
