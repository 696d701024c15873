import type { SourceFile } from '../source.js';
/**
 * Parses a JSON or YAML report; both give line:column on error. Duplicate keys are refused: a
 * report that says `auc` twice is ambiguous evidence.
 */
export declare function parseStructured(file: SourceFile): unknown;
export declare function requireObject(value: unknown, file: SourceFile, what: string): Record<string, unknown>;
