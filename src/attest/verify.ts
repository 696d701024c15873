import { isDeepStrictEqual } from 'node:util'
import { bundleFromJSON, type Bundle } from '@sigstore/bundle'
import { ASN1Obj, X509Certificate } from '@sigstore/core'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify'
import {
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  PROMOTION_PREDICATE_TYPE,
  statementSubject
} from '../records/statement.js'
import type { PromotionRecord } from '../records/types.js'
import { PUBLIC_GOOD_TRUSTED_ROOT } from './trusted-roots.js'

/** The issuer of GitHub Actions' OIDC tokens on github.com. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com'

/** Fulcio's certificate extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md). */
const OID = {
  issuerV1: '1.3.6.1.4.1.57264.1.1',
  issuer: '1.3.6.1.4.1.57264.1.8',
  sourceRepositoryURI: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  buildConfigURI: '1.3.6.1.4.1.57264.1.18'
} as const

export interface VerifyInput {
  /** The record file's text (the release asset `promotion-record.json`). */
  record: string
  /** The Sigstore bundle's text (`promotion-record.sigstore.json`). */
  bundle: string
  /** `owner/name` the signing workflow must belong to. */
  repository: string
  /** Path of the workflow file in that repository, e.g. `.github/workflows/promote.yml`. */
  workflow?: string
  /**
   * Trust roots (Sigstore `trusted_root.json` documents); the bundle must verify against one.
   * Default: Sigstore's public-good root.
   */
  trustedRoots?: readonly unknown[]
  /** The GitHub server whose Actions signed (default https://github.com). */
  serverUrl?: string
}

export interface VerifiedSigner {
  /** The certificate's SAN: the workflow that signed, `https://github.com/o/r/.github/workflows/x.yml@ref`. */
  identity: string
  issuer: string
  repository: string
  /** The workflow file of the run (Build Config URI), with its ref. */
  buildConfig: string | undefined
  /** The commit the run was on. */
  commit: string | undefined
}

export type VerifyResult =
  | { verified: true; signer: VerifiedSigner; subject: { name: string; digest: Record<string, string> } }
  | { verified: false; reason: string }

const refuse = (reason: string): VerifyResult => ({ verified: false, reason })

/**
 * Verifies a promotion record against its Sigstore bundle, offline. Verified means all of:
 * the bundle's certificate chains to a trusted Fulcio CA and was valid when a trusted log or
 * timestamp authority saw the signature; the DSSE signature over the statement is the
 * certificate's key's; the certificate was issued to a GitHub Actions workflow of `repository`
 * (and of `workflow`, when given); the statement is modelgate's (`_type`, predicate type); its
 * predicate is the record, structurally; its subject is the one the record implies. Anything
 * else is a refusal with the first reason found.
 */
export function verifyRecordBundle(input: VerifyInput): VerifyResult {
  let record: unknown
  try {
    record = JSON.parse(input.record)
  } catch {
    return refuse('the record is not JSON')
  }
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(JSON.parse(input.bundle))
  } catch (error) {
    return refuse(`the bundle is not a Sigstore bundle: ${messageOf(error)}`)
  }
  if (bundle.content.$case !== 'dsseEnvelope')
    return refuse('the bundle signs a blob, not an in-toto statement')
  const envelope = bundle.content.dsseEnvelope
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return refuse(
      `the bundle's payload type is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`
    )

  // The signature and the certificate first: nothing a bundle says counts before it is verified.
  if (!input.trustedRoots && bundle.verificationMaterial.tlogEntries.length === 0)
    return refuse(
      "the bundle has no transparency-log entry: it was signed by GitHub's Sigstore instance (a private repository) and verifies only against GitHub's trust root; pass it with --trusted-root (`gh attestation trusted-root`)"
    )
  const roots = input.trustedRoots ?? [PUBLIC_GOOD_TRUSTED_ROOT]
  const failures: string[] = []
  let verifiedCertificate: X509Certificate | undefined
  for (const root of roots) {
    try {
      verifiedCertificate = verifyAgainstRoot(bundle, root)
      break
    } catch (error) {
      failures.push(messageOf(error))
    }
  }
  if (!verifiedCertificate)
    return refuse(
      `the signature does not verify against the trusted root: ${[...new Set(failures)].join('; ')}`
    )

  const identity = signerOf(verifiedCertificate)
  const serverUrl = (input.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
  const expectedIssuer =
    serverUrl === 'https://github.com' ? GITHUB_ACTIONS_ISSUER : `${serverUrl}/_services/token`
  if (identity.issuer !== expectedIssuer)
    return refuse(
      `the certificate was issued for ${quote(identity.issuer)} tokens, not GitHub Actions' (${expectedIssuer})`
    )
  const repositoryURI = `${serverUrl}/${input.repository}`
  if (identity.repository.toLowerCase() !== repositoryURI.toLowerCase())
    return refuse(`the signing workflow ran in ${quote(identity.repository)}, not in ${repositoryURI}`)
  if (input.workflow !== undefined) {
    const wanted = normalizeWorkflowPath(input.workflow)
    const ran = workflowPathOf(identity.buildConfig ?? identity.identity, repositoryURI)
    if (ran === undefined || ran !== wanted)
      return refuse(
        `the record was signed by workflow ${quote(identity.buildConfig ?? identity.identity)}, not by ${wanted} of ${input.repository}`
      )
  }

  let statement: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(envelope.payload.toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object')
    statement = parsed as Record<string, unknown>
  } catch {
    return refuse('the signed payload is not a JSON in-toto statement')
  }
  if (statement._type !== IN_TOTO_STATEMENT_TYPE)
    return refuse(`the signed statement's _type is ${quote(statement._type)}, not ${IN_TOTO_STATEMENT_TYPE}`)
  if (statement.predicateType !== PROMOTION_PREDICATE_TYPE)
    return refuse(
      `the signed statement's predicate type is ${quote(statement.predicateType)}, not ${PROMOTION_PREDICATE_TYPE}`
    )
  if (!isDeepStrictEqual(statement.predicate, record))
    return refuse(`the record is not the one that was signed${differenceHint(statement.predicate, record)}`)
  let subject: { name: string; digest: Record<string, string> }
  try {
    subject = statementSubject(record as PromotionRecord)
  } catch (error) {
    return refuse(messageOf(error))
  }
  if (!isDeepStrictEqual(statement.subject, [subject]))
    return refuse(`the signed statement's subject is not ${subject.name} ${JSON.stringify(subject.digest)}`)
  const claimed = (record as PromotionRecord).run?.repository
  if (typeof claimed === 'string' && claimed.toLowerCase() !== input.repository.toLowerCase())
    return refuse(`the record says it was written in ${quote(claimed)}, not in ${input.repository}`)
  return { verified: true, signer: identity, subject }
}

/** The certificate of a bundle whose signature, chain and witnesses verify under the root. */
function verifyAgainstRoot(bundle: Bundle, root: unknown): X509Certificate {
  const trustedRoot = TrustedRoot.fromJSON(root)
  const material = toTrustMaterial(trustedRoot)
  // A root without logs (GitHub's instance) vouches for time through its timestamp authority
  // alone; a root with them (public-good) requires the log entry and the certificate's SCT.
  const verifier = new Verifier(material, {
    tlogThreshold: trustedRoot.tlogs.length > 0 ? 1 : 0,
    ctlogThreshold: trustedRoot.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1
  })
  verifier.verify(toSignedEntity(bundle))
  const content = bundle.verificationMaterial.content
  const raw =
    content.$case === 'certificate'
      ? content.certificate.rawBytes
      : content.$case === 'x509CertificateChain'
        ? content.x509CertificateChain.certificates[0]?.rawBytes
        : undefined
  if (!raw) throw new Error('the bundle is signed with a bare key, not a Fulcio certificate')
  return X509Certificate.parse(Buffer.from(raw))
}

function signerOf(certificate: X509Certificate): VerifiedSigner {
  return {
    identity: certificate.subjectAltName ?? '',
    issuer: extensionText(certificate, OID.issuer) ?? rawExtension(certificate, OID.issuerV1) ?? '',
    repository: extensionText(certificate, OID.sourceRepositoryURI) ?? '',
    buildConfig: extensionText(certificate, OID.buildConfigURI),
    commit: extensionText(certificate, OID.sourceRepositoryDigest)
  }
}

/** Fulcio's v2 extensions hold a DER UTF8String. */
function extensionText(certificate: X509Certificate, oid: string): string | undefined {
  const extension = certificate.extension(oid)
  if (!extension) return undefined
  try {
    const value = ASN1Obj.parseBuffer(Buffer.from(extension.value))
    return value.tag.number === 0x0c && value.tag.isUniversal() ? value.value.toString('utf8') : undefined
  } catch {
    return undefined
  }
}

/** Fulcio's v1 extensions hold the raw string. */
function rawExtension(certificate: X509Certificate, oid: string): string | undefined {
  return certificate.extension(oid)?.value.toString('utf8')
}

/** `.github/workflows/x.yml` from `https://github.com/o/r/.github/workflows/x.yml@refs/heads/main`. */
function workflowPathOf(uri: string, repositoryURI: string): string | undefined {
  const prefix = `${repositoryURI}/`
  if (uri.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return undefined
  const rest = uri.slice(prefix.length)
  const at = rest.indexOf('@')
  return normalizeWorkflowPath(at < 0 ? rest : rest.slice(0, at))
}

function normalizeWorkflowPath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
}

/** Where two JSON values first differ, for a refusal an auditor can act on. */
function differenceHint(signed: unknown, given: unknown, path = ''): string {
  if (isDeepStrictEqual(signed, given)) return ''
  if (
    typeof signed === 'object' &&
    signed !== null &&
    typeof given === 'object' &&
    given !== null &&
    Array.isArray(signed) === Array.isArray(given)
  ) {
    const a = signed as Record<string, unknown>
    const b = given as Record<string, unknown>
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!isDeepStrictEqual(a[key], b[key]))
        return differenceHint(a[key], b[key], path === '' ? key : `${path}.${key}`)
    }
  }
  return path === '' ? '' : ` (it differs at ${path.slice(0, 200)})`
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  return JSON.stringify(text.slice(0, 300))
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 500)
}
