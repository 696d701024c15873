import"node:worker_threads";import"./chunks/errors-CUB2CTFL.js";export{C as CSV_WORKER_TASK}from"./chunks/csv-worker-Dz0IJQx9.js";import"node:fs/promises";
