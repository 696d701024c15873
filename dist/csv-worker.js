import"node:worker_threads";import"./chunks/errors-CT1w1_W3.js";export{C as CSV_WORKER_TASK}from"./chunks/csv-worker-CBIqwGWa.js";import"node:fs/promises";import"node:zlib";
