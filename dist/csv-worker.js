import"node:worker_threads";import"./chunks/errors-CUB2CTFL.js";export{C as CSV_WORKER_TASK}from"./chunks/csv-worker-BwlNNNFs.js";import"node:fs/promises";import"node:zlib";
