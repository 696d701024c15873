import { deflateRawSync } from 'node:zlib'

/* A minimal zip writer for fixtures, hostile ones included (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16). */

export interface ZipEntry {
  name: string
  data?: Buffer | string
  /** Deflate the data (default: stored). */
  deflate?: boolean
  /** A Unix symlink entry (external attributes S_IFLNK, made by Unix). */
  symlink?: boolean
  /** Sets general purpose bit 0 (traditional encryption) without encrypting anything. */
  encrypted?: boolean
  /** Declared uncompressed size, to lie about it (and to describe sparse entries). */
  declaredSize?: number
  /** A stored entry of this many zero bytes that is never materialised (see `SparseZip`). */
  zeros?: number
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

export function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** A zip whose body may include runs of zeros that are only ever produced range by range. */
export class SparseZip {
  /** Pieces in order: real bytes, or a count of zeros. */
  readonly pieces: Array<Buffer | number> = []
  size = 0

  push(piece: Buffer | number): void {
    this.pieces.push(piece)
    this.size += typeof piece === 'number' ? piece : piece.length
  }

  /** Bytes [start, end): never more than the range asked for is allocated. */
  slice(start: number, end: number): Buffer {
    const out = Buffer.alloc(end - start)
    let offset = 0
    for (const piece of this.pieces) {
      const length = typeof piece === 'number' ? piece : piece.length
      const from = Math.max(start, offset)
      const to = Math.min(end, offset + length)
      if (from < to && typeof piece !== 'number') piece.copy(out, from - start, from - offset, to - offset)
      offset += length
      if (offset >= end) break
    }
    return out
  }

  /** The whole zip (only for small ones). */
  bytes(): Buffer {
    if (this.size > 64 << 20) throw new Error('refusing to materialise a large sparse zip')
    return this.slice(0, this.size)
  }
}

export function buildZip(entries: readonly ZipEntry[]): SparseZip {
  const zip = new SparseZip()
  const central: Buffer[] = []
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const raw = entry.zeros !== undefined ? undefined : Buffer.from(entry.data ?? '')
    const body = raw && entry.deflate ? deflateRawSync(raw) : raw
    const compressedSize = body ? body.length : entry.zeros!
    const uncompressedSize = entry.declaredSize ?? (raw ? raw.length : entry.zeros!)
    const crc = raw ? crc32(raw) : 0
    const flags = 0x800 | (entry.encrypted ? 1 : 0)
    const method = entry.deflate ? 8 : 0
    const offset = zip.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(0x21, 10) // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressedSize, 18)
    local.writeUInt32LE(uncompressedSize, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    zip.push(Buffer.concat([local, name]))
    zip.push(body ?? entry.zeros!)
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE((3 << 8) | 20, 4) // made by Unix, spec 2.0
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(flags, 8)
    header.writeUInt16LE(method, 10)
    header.writeUInt32LE(0x21, 12)
    header.writeUInt32LE(crc, 16)
    header.writeUInt32LE(compressedSize, 20)
    header.writeUInt32LE(uncompressedSize, 24)
    header.writeUInt16LE(name.length, 28)
    const mode = entry.symlink ? 0o120777 : 0o100644
    header.writeUInt32LE((mode << 16) >>> 0, 38)
    header.writeUInt32LE(offset, 42)
    central.push(Buffer.concat([header, name]))
  }
  const cd = Buffer.concat(central)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(zip.size, 16)
  zip.push(Buffer.concat([cd, eocd]))
  return zip
}
