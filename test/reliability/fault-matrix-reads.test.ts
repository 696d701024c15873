import { faultMatrix, WRITE_OPERATIONS } from './fault-matrix.js'
import { describeFaultMatrix } from './fault-matrix-suite.js'

/* Issue 5's fault matrix, first half: faults on the reads of a staging → prod promote. */
const writes = new Set<string>(WRITE_OPERATIONS)
describeFaultMatrix(faultMatrix().filter((c) => !writes.has(c.operation)))
