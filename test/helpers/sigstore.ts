import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { json } from '@sigstore/core'
import {
  createHash,
  createPublicKey,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  sign,
  webcrypto
} from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sigstoreEndpoints } from '../../src/attest/endpoints.js'
import { signStatement, type SerializedBundle } from '../../src/attest/sign.js'
import { promotionStatement } from '../../src/records/statement.js'
import type { PromotionRecord } from '../../src/records/types.js'

/**
 * A local stand-in for what signing meets in a workflow, on 127.0.0.1: GitHub's OIDC token
 * endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`), Fulcio (`POST /api/v2/signingCert`: checks the proof
 * of possession and issues a 10-minute leaf with Fulcio's GitHub extensions, signed by a CA made
 * here) and Rekor (`POST /api/v1/log/entries`: a one-entry log per request, with a signed entry
 * timestamp and an inclusion proof under a signed checkpoint). `trustedRoot()` is the Sigstore
 * trust root that names this CA and log; nothing else verifies against it.
 */

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

type KeyPair = webcrypto.CryptoKeyPair

const ISSUER = 'https://token.actions.githubusercontent.com'
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }

export interface WorkflowIdentity {
  /** `owner/name`. */
  repository: string
  /** Path of the workflow file, e.g. `.github/workflows/promote.yml`. */
  workflow: string
  ref?: string
  sha?: string
  issuer?: string
}

export class SigstoreSimulator {
  /** The identity the next tokens carry; tests change it to sign as another workflow. */
  identity: WorkflowIdentity
  /** The request token the OIDC endpoint insists on (as the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
  readonly requestToken = `oidc-request-${randomBytes(8).toString('hex')}`
  readonly requests: string[] = []
  private server: Server | undefined
  private base = ''
  private ca: { cert: x509.X509Certificate; keys: KeyPair } | undefined
  private readonly rekorKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  private logIndex = 0

  constructor(identity: WorkflowIdentity) {
    this.identity = identity
  }

  get url(): string {
    return this.base
  }

  /** The variables a runner sets when the job has `id-token: write`, plus the Sigstore URLs. */
  env(): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.base}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken,
      MODELGATE_SIGSTORE_FULCIO_URL: `${this.base}/fulcio`,
      MODELGATE_SIGSTORE_REKOR_URL: `${this.base}/rekor`
    }
  }

  async start(): Promise<void> {
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=modelgate test fulcio, O=modelgate tests',
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 24 * 3600_000),
      signingAlgorithm: ALG,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
      ]
    })
    this.ca = { cert, keys }
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ message: String(error) }))
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()))
  }

  /** A Sigstore trusted_root.json naming the test CA and the test log (no CT logs, no TSA). */
  trustedRoot(): Record<string, unknown> {
    const spki = this.rekorKey.publicKey.export({ type: 'spki', format: 'der' })
    return {
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [
        {
          baseUrl: `${this.base}/rekor`,
          hashAlgorithm: 'SHA2_256',
          publicKey: {
            rawBytes: spki.toString('base64'),
            keyDetails: 'PKIX_ECDSA_P256_SHA_256',
            validFor: { start: '2020-01-01T00:00:00Z' }
          },
          logId: { keyId: createHash('sha256').update(spki).digest('base64') }
        }
      ],
      certificateAuthorities: [
        {
          subject: { organization: 'modelgate tests', commonName: 'modelgate test fulcio' },
          uri: `${this.base}/fulcio`,
          certChain: { certificates: [{ rawBytes: Buffer.from(this.ca!.cert.rawData).toString('base64') }] },
          validFor: { start: '2020-01-01T00:00:00Z' }
        }
      ],
      ctlogs: [],
      timestampAuthorities: []
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base)
    this.requests.push(`${req.method} ${url.pathname}`)
    const body = await readBody(req)
    const send = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    if (req.method === 'GET' && url.pathname === '/oidc/token') {
      if (req.headers.authorization !== `Bearer ${this.requestToken}`)
        return send(401, { message: 'bad request token' })
      return send(200, { value: this.token(url.searchParams.get('audience') ?? '') })
    }
    if (req.method === 'POST' && url.pathname === '/fulcio/api/v2/signingCert')
      return this.fulcio(JSON.parse(body) as FulcioRequest, send)
    if (req.method === 'POST' && url.pathname === '/rekor/api/v1/log/entries')
      return send(201, this.rekor(JSON.parse(body) as RekorProposal))
    send(404, { message: `no route ${req.method} ${url.pathname}` })
  }

  /** An unsigned JWT with GitHub Actions' claims: Fulcio here trusts the endpoint it came from. */
  private token(audience: string): string {
    const { repository, workflow, ref = 'refs/heads/main', sha = 'c'.repeat(40) } = this.identity
    const claims = {
      iss: this.identity.issuer ?? ISSUER,
      aud: audience,
      sub: `repo:${repository}:ref:${ref}`,
      repository,
      ref,
      sha,
      workflow_ref: `${repository}/${workflow}@${ref}`,
      job_workflow_ref: `${repository}/${workflow}@${ref}`,
      exp: Math.floor(Date.now() / 1000) + 300
    }
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`
  }

  private async fulcio(
    request: FulcioRequest,
    send: (status: number, value: unknown) => void
  ): Promise<void> {
    const jwt = request.credentials.oidcIdentityToken
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<
      string,
      string
    >
    if (claims.aud !== 'sigstore') return send(401, { message: 'audience must be sigstore' })
    const pem = request.publicKeyRequest.publicKey.content
    const proof = Buffer.from(request.publicKeyRequest.proofOfPossession, 'base64')
    const verifier = createVerify('sha256')
    verifier.update(claims.sub!)
    if (!verifier.verify(createPublicKey(pem), proof))
      return send(400, { message: 'bad proof of possession' })
    const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' })
    const publicKey = await webcrypto.subtle.importKey('spki', spki, ALG, true, ['verify'])
    const server = 'https://github.com'
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: randomBytes(8).toString('hex'),
      subject: '',
      issuer: this.ca!.cert.subject,
      notBefore: new Date(Date.now() - 1000),
      notAfter: new Date(Date.now() + 600_000),
      signingAlgorithm: ALG,
      publicKey,
      signingKey: this.ca!.keys.privateKey,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]),
        new x509.SubjectAlternativeNameExtension(
          [{ type: 'url', value: `${server}/${claims.job_workflow_ref}` }],
          true
        ),
        await x509.AuthorityKeyIdentifierExtension.create(this.ca!.keys.publicKey),
        utf8Extension('1.3.6.1.4.1.57264.1.8', claims.iss!),
        utf8Extension('1.3.6.1.4.1.57264.1.9', `${server}/${claims.job_workflow_ref}`),
        utf8Extension('1.3.6.1.4.1.57264.1.12', `${server}/${claims.repository}`),
        utf8Extension('1.3.6.1.4.1.57264.1.13', claims.sha!),
        utf8Extension('1.3.6.1.4.1.57264.1.14', claims.ref!),
        utf8Extension('1.3.6.1.4.1.57264.1.18', `${server}/${claims.workflow_ref}`)
      ]
    })
    send(201, {
      signedCertificateEmbeddedSct: {
        chain: { certificates: [leaf.toString('pem'), this.ca!.cert.toString('pem')] }
      }
    })
  }

  /** A dsse v0.0.1 entry as Rekor canonicalises it, alone in a fresh tree (size 1, index 0). */
  private rekor(proposal: RekorProposal): Record<string, unknown> {
    const envelope = JSON.parse(proposal.spec.proposedContent.envelope) as {
      payload: string
      signatures: Array<{ sig: string }>
    }
    const canonical = json.canonicalize({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: {
          algorithm: 'sha256',
          value: sha256(proposal.spec.proposedContent.envelope).toString('hex')
        },
        payloadHash: {
          algorithm: 'sha256',
          value: sha256(Buffer.from(envelope.payload, 'base64')).toString('hex')
        },
        signatures: envelope.signatures.map((s) => ({
          signature: s.sig,
          verifier: proposal.spec.proposedContent.verifiers[0]
        }))
      }
    })
    const body = Buffer.from(canonical, 'utf8')
    const spki = this.rekorKey.publicKey.export({ type: 'spki', format: 'der' })
    const logID = sha256(spki)
    const integratedTime = Math.floor(Date.now() / 1000)
    const logIndex = this.logIndex++
    const set = sign(
      'sha256',
      Buffer.from(
        json.canonicalize({
          body: body.toString('base64'),
          integratedTime,
          logIndex,
          logID: logID.toString('hex')
        })
      ),
      this.rekorKey.privateKey
    )
    const root = sha256(Buffer.concat([Buffer.from([0]), body]))
    const origin = '127.0.0.1'
    const note = `${origin}\n1\n${root.toString('base64')}\n`
    const noteSignature = sign('sha256', Buffer.from(note), this.rekorKey.privateKey)
    const checkpoint = `${note}\n\u2014 ${origin} ${Buffer.concat([logID.subarray(0, 4), noteSignature]).toString('base64')}\n`
    return {
      [randomBytes(32).toString('hex')]: {
        body: body.toString('base64'),
        integratedTime,
        logID: logID.toString('hex'),
        logIndex,
        verification: {
          signedEntryTimestamp: set.toString('base64'),
          inclusionProof: { logIndex: 0, treeSize: 1, rootHash: root.toString('hex'), hashes: [], checkpoint }
        }
      }
    }
  }
}

interface FulcioRequest {
  credentials: { oidcIdentityToken: string }
  publicKeyRequest: { publicKey: { content: string }; proofOfPossession: string }
}

interface RekorProposal {
  spec: { proposedContent: { envelope: string; verifiers: string[] } }
}

function sha256(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest()
}

/** A certificate extension holding a DER UTF8String, as Fulcio writes its v2 extensions. */
function utf8Extension(oid: string, text: string): x509.Extension {
  const bytes = Buffer.from(text, 'utf8')
  const length =
    bytes.length < 0x80
      ? Buffer.from([bytes.length])
      : bytes.length < 0x100
        ? Buffer.from([0x81, bytes.length])
        : Buffer.from([0x82, bytes.length >> 8, bytes.length & 0xff])
  return new x509.Extension(oid, false, Buffer.concat([Buffer.from([0x0c]), length, bytes]))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Signs a record's statement the way the action does, against the simulator. */
export async function signRecordWith(
  sim: SigstoreSimulator,
  record: PromotionRecord
): Promise<SerializedBundle> {
  const env = sim.env()
  const identityToken = async (): Promise<string> => {
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL!)
    url.searchParams.set('audience', 'sigstore')
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
    })
    return ((await response.json()) as { value: string }).value
  }
  return signStatement(promotionStatement(record), {
    endpoints: sigstoreEndpoints('public', 'https://github.com', {
      fulcioURL: env.MODELGATE_SIGSTORE_FULCIO_URL,
      rekorURL: env.MODELGATE_SIGSTORE_REKOR_URL
    }),
    identityToken,
    retries: 0
  })
}

/** The record asset's bytes, as the release carries them. */
export const recordAsset = (record: PromotionRecord): string => `${JSON.stringify(record, null, 2)}\n`
