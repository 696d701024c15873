export declare class SnappyError extends Error {
}
/**
 * Decompresses `input` into `output`, which must be exactly the uncompressed size (the page
 * header's figure); throws SnappyError on any inconsistency.
 */
export declare function snappyDecompress(input: Uint8Array, output: Uint8Array): void;
