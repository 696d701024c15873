import { deflateRawSync } from 'node:zlib'

/**
 * Builds workflow-artifact zips for the simulator. An entry is real bytes, or a run of zeros of
 * any size that is never materialised: a "2 GB model" costs nothing until someone downloads it,
 * which is exactly what the range-read tests want to prove nobody does.
 *
 * Layout per APPNOTE.TXT (PKWARE): local header (signature 0x04034b50, 30 bytes + name), data,
 * then central directory records (0x02014b50, 46 bytes + name) and the end record (0x06054b50,
 * 22 bytes). Sizes stay below 4 GiB, so no ZIP64 records are needed.
 */

export type ZipEntryInput = Buffer | string | { zeros: number }

/** A contiguous piece of the archive: bytes, or `length` zero bytes. */
export type Segment = { bytes: Buffer } | { zeros: number }

export interface VirtualZip {
  segments: Segment[]
  size: number
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(bytes: Buffer, start = 0xffffffff): number {
  let crc = start
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return crc
}

/** CRC-32 of `n` zero bytes, computed over 1 MiB blocks (only for entries small enough to matter). */
function crc32OfZeros(n: number): number {
  const block = Buffer.alloc(Math.min(n, 1 << 20))
  let crc = 0xffffffff
  for (let left = n; left > 0; left -= block.length)
    crc = crc32(left >= block.length ? block : block.subarray(0, left), crc)
  return (crc ^ 0xffffffff) >>> 0
}

const DOS_TIME = 0x6000 // 12:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 22

export function buildZip(
  entries: Record<string, ZipEntryInput>,
  options: { deflate?: boolean } = {}
): VirtualZip {
  const segments: Segment[] = []
  const central: Buffer[] = []
  let offset = 0
  const push = (segment: Segment): void => {
    segments.push(segment)
    offset += 'bytes' in segment ? segment.bytes.length : segment.zeros
  }
  for (const [name, input] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8')
    let method = 0
    let crc: number
    let size: number
    let data: Segment
    if (typeof input === 'object' && !Buffer.isBuffer(input)) {
      size = input.zeros
      // Never read by the tests that use huge entries; a real CRC would cost seconds per GB.
      crc = size <= 16 << 20 ? crc32OfZeros(size) : 0
      data = { zeros: size }
    } else {
      const raw = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8')
      size = raw.length
      crc = (crc32(raw) ^ 0xffffffff) >>> 0
      const compressed = options.deflate !== false ? deflateRawSync(raw) : raw
      if (options.deflate !== false && compressed.length < raw.length) {
        method = 8
        data = { bytes: compressed }
      } else data = { bytes: raw }
    }
    const compressedSize = 'bytes' in data ? data.bytes.length : data.zeros
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressedSize, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28)
    const headerOffset = offset
    push({ bytes: Buffer.concat([local, nameBytes]) })
    push(data)
    const record = Buffer.alloc(46)
    record.writeUInt32LE(0x02014b50, 0)
    record.writeUInt16LE(0x031e, 4) // made by: unix, 3.0
    record.writeUInt16LE(20, 6)
    record.writeUInt16LE(0x0800, 8)
    record.writeUInt16LE(method, 10)
    record.writeUInt16LE(DOS_TIME, 12)
    record.writeUInt16LE(DOS_DATE, 14)
    record.writeUInt32LE(crc, 16)
    record.writeUInt32LE(compressedSize, 20)
    record.writeUInt32LE(size, 24)
    record.writeUInt16LE(nameBytes.length, 28)
    record.writeUInt32LE((0o100644 << 16) >>> 0, 38) // regular file, rw-r--r--
    record.writeUInt32LE(headerOffset, 42)
    central.push(Buffer.concat([record, nameBytes]))
  }
  const directory = Buffer.concat(central)
  const directoryOffset = offset
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(central.length, 8)
  end.writeUInt16LE(central.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(directoryOffset, 16)
  push({ bytes: Buffer.concat([directory, end]) })
  return { segments, size: offset }
}

/** Bytes `[start, end)` of a virtual zip. */
export function sliceZip(zip: VirtualZip, start: number, end: number): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (const segment of zip.segments) {
    const length = 'bytes' in segment ? segment.bytes.length : segment.zeros
    const from = Math.max(start, at)
    const to = Math.min(end, at + length)
    if (from < to) {
      parts.push('bytes' in segment ? segment.bytes.subarray(from - at, to - at) : Buffer.alloc(to - from))
    }
    at += length
    if (at >= end) break
  }
  return Buffer.concat(parts)
}
