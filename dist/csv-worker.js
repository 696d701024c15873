import"node:worker_threads";import"./chunks/errors-CUB2CTFL.js";export{C as CSV_WORKER_TASK}from"./chunks/csv-worker-iG2lKyTr.js";import"node:fs/promises";
