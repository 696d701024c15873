/*
 * Snappy decompression (the raw block format Parquet pages use), written from the format
 * description: a varint with the uncompressed length, then elements, each a literal (bytes
 * copied from the input) or a copy (bytes repeated from earlier output, at an offset).
 *
 * Long literals and copies that do not overlap their source move with one native copy instead
 * of byte by byte, which is what makes this several times faster than a byte loop on the pages
 * of numbers (mostly literals) drift reads. The input is data someone else wrote: every length
 * and offset is checked against the input read and the output written so far, and the result
 * must be exactly the size the page header announced.
 */

/** Below this many bytes a plain loop beats setting up a native copy. */
const SHORT = 32

export class SnappyError extends Error {}

/**
 * Decompresses `input` into `output`, which must be exactly the uncompressed size (the page
 * header's figure); throws SnappyError on any inconsistency.
 */
export function snappyDecompress(input: Uint8Array, output: Uint8Array): void {
  const inputLength = input.length
  const outputLength = output.length
  let pos = 0
  // The preamble: the uncompressed length as a little-endian base-128 varint (at most 32 bits).
  let announced = 0
  for (let shift = 0; ; shift += 7) {
    if (pos >= inputLength || shift > 28) throw new SnappyError('bad snappy length preamble')
    const byte = input[pos++]!
    announced += (byte & 0x7f) * 2 ** shift
    if (byte < 0x80) break
  }
  if (announced !== outputLength) {
    throw new SnappyError(`snappy data of ${announced} bytes where the page announces ${outputLength}`)
  }
  let out = 0
  while (pos < inputLength) {
    const tag = input[pos++]!
    const kind = tag & 3
    if (kind === 0) {
      let length = (tag >>> 2) + 1
      if (length > 60) {
        const bytes = length - 60
        if (pos + bytes > inputLength) throw new SnappyError('snappy literal length cut off')
        length = 0
        for (let i = bytes - 1; i >= 0; i--) length = length * 256 + input[pos + i]!
        length += 1
        pos += bytes
      }
      if (pos + length > inputLength) throw new SnappyError('snappy literal runs past the input')
      if (out + length > outputLength) throw new SnappyError('snappy literal runs past the page')
      if (length < SHORT) {
        for (let i = 0; i < length; i++) output[out + i] = input[pos + i]!
      } else output.set(input.subarray(pos, pos + length), out)
      pos += length
      out += length
      continue
    }
    let length: number
    let offset: number
    if (kind === 1) {
      if (pos >= inputLength) throw new SnappyError('snappy copy cut off')
      length = ((tag >>> 2) & 7) + 4
      offset = ((tag >>> 5) << 8) | input[pos++]!
    } else if (kind === 2) {
      if (pos + 2 > inputLength) throw new SnappyError('snappy copy cut off')
      length = (tag >>> 2) + 1
      offset = input[pos]! | (input[pos + 1]! << 8)
      pos += 2
    } else {
      if (pos + 4 > inputLength) throw new SnappyError('snappy copy cut off')
      length = (tag >>> 2) + 1
      offset = (input[pos]! | (input[pos + 1]! << 8) | (input[pos + 2]! << 16)) + input[pos + 3]! * 2 ** 24
      pos += 4
    }
    if (offset === 0 || offset > out) throw new SnappyError('snappy copy from before the start')
    if (out + length > outputLength) throw new SnappyError('snappy copy runs past the page')
    const from = out - offset
    if (offset >= length && length >= SHORT) output.copyWithin(out, from, from + length)
    else {
      // Overlapping (a repeated pattern) or short: byte by byte, each byte possibly just written.
      for (let i = 0; i < length; i++) output[out + i] = output[from + i]!
    }
    out += length
  }
  if (out !== outputLength) throw new SnappyError(`snappy data ends after ${out} of ${outputLength} bytes`)
}
