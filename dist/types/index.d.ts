export * from './errors.js';
export type * from './policy/types.js';
export type * from './evidence/types.js';
export type * from './gates/types.js';
export type * from './approvals/types.js';
export type * from './registry/types.js';
export type * from './records/types.js';
export { VERSION } from './version.js';
