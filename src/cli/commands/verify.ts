import type { Command } from 'commander'
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { verifyRecordBundle, type VerifyResult } from '../../attest/verify.js'
import { UsageError } from '../../errors.js'
import { oneLine } from '../../records/escape.js'
import { EXIT, type CliIO } from '../io.js'
import { parseFormat } from '../options.js'

interface VerifyFlags {
  record: string
  bundle: string
  repository: string
  workflow?: string
  trustedRoot?: string
  format?: string
}

/** Records are KBs and bundles a few KB; anything this large is not one. */
const MAX_BYTES = 16 << 20
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/

export function registerVerifyCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description(
      'check offline that a promotion record is the one a workflow of a repository signed (exit 0 verified, 1 not)'
    )
    .requiredOption('--record <file>', 'the record (release asset promotion-record.json)')
    .requiredOption('--bundle <file>', 'its Sigstore bundle (release asset promotion-record.sigstore.json)')
    .requiredOption('--repository <owner/name>', 'the repository whose workflow must have signed it')
    .option('--workflow <path>', 'the workflow file that must have signed it (.github/workflows/promote.yml)')
    .option(
      '--trusted-root <file>',
      "Sigstore trust root(s), JSON or JSON lines (default: Sigstore's public-good root; for private repositories: `gh attestation trusted-root`)"
    )
    .option('--format <format>', 'text or json', 'text')
    .action(async (flags: VerifyFlags) => {
      const format = parseFormat(flags.format, ['text', 'json'])
      if (!REPOSITORY.test(flags.repository))
        throw new UsageError(`--repository must be owner/name, got ${JSON.stringify(flags.repository)}`)
      const record = await readText(io, flags.record, '--record')
      const bundle = await readText(io, flags.bundle, '--bundle')
      const trustedRoots =
        flags.trustedRoot === undefined
          ? undefined
          : parseTrustedRoots(await readText(io, flags.trustedRoot, '--trusted-root'), flags.trustedRoot)
      const result = verifyRecordBundle({
        record,
        bundle,
        repository: flags.repository,
        ...(flags.workflow !== undefined && { workflow: flags.workflow }),
        ...(trustedRoots && { trustedRoots })
      })
      io.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderText(result))
      setExit(result.verified ? EXIT.ok : EXIT.blocked)
    })
}

async function readText(io: CliIO, path: string, flag: string): Promise<string> {
  const full = resolve(io.cwd, path)
  try {
    if ((await stat(full)).size > MAX_BYTES) throw new UsageError(`${flag} ${path} is larger than 16 MiB`)
    return await readFile(full, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(
      `${flag}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
    )
  }
}

/** One trust root as JSON, or several as JSON lines (what `gh attestation trusted-root` prints). */
function parseTrustedRoots(text: string, file: string): unknown[] {
  const lines = text.trim().startsWith('{') && !text.trim().includes('\n{') ? [text] : text.split('\n')
  const roots: unknown[] = []
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    try {
      roots.push(JSON.parse(line))
    } catch {
      throw new UsageError(`--trusted-root: line ${index + 1} of ${file} is not JSON`)
    }
  }
  if (roots.length === 0) throw new UsageError(`--trusted-root: ${file} holds no trust root`)
  return roots
}

function renderText(result: VerifyResult): string {
  if (!result.verified) return `not verified: ${oneLine(result.reason)}\n`
  const { signer, subject } = result
  const digest = Object.entries(subject.digest)
    .map(([algorithm, value]) => `${algorithm}:${value}`)
    .join(', ')
  return [
    `verified: ${oneLine(subject.name)} (${digest})`,
    `  signed by ${oneLine(signer.identity)}`,
    `  repository ${oneLine(signer.repository)}${signer.commit ? ` at ${oneLine(signer.commit)}` : ''}`,
    ''
  ].join('\n')
}
