import type { KeyPath } from './locate.js';
/** The keys the schema allows for the object at `path`, for "did you mean" suggestions. */
export declare function allowedKeysAt(path: KeyPath): string[];
