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
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
 * timestamp and an inclusion proof under a signed checkpoint) and, for GitHub's instance, a
 * timestamp authority (`POST /tsa/api/v1/timestamp`: an RFC 3161 reply made by `openssl ts`).
 * `trustedRoot()` is the Sigstore trust root that names this CA, log and TSA; nothing else
 * verifies against it.
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
  private tsa: { dir: string; cert: x509.X509Certificate } | undefined

  constructor(identity: WorkflowIdentity) {
    this.identity = identity
  }

  get url(): string {
    return this.base
  }

  /**
   * The variables a runner sets when the job has `id-token: write`, plus the Sigstore URLs: the
   * public-good shape (Fulcio + Rekor), or GitHub's (Fulcio + timestamp authority).
   */
  env(instance: 'public-good' | 'github' = 'public-good'): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${this.base}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.requestToken,
      MODELGATE_SIGSTORE_INSTANCE: instance,
      MODELGATE_SIGSTORE_FULCIO_URL: `${this.base}/fulcio`,
      ...(instance === 'public-good'
        ? { MODELGATE_SIGSTORE_REKOR_URL: `${this.base}/rekor` }
        : { MODELGATE_SIGSTORE_TSA_URL: `${this.base}/tsa/api/v1/timestamp` })
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
    this.tsa = await this.timestampAuthority()
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
    // Clients keep connections alive; close them, or `close` waits for them to time out.
    this.server?.closeAllConnections()
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()))
    if (this.tsa) rmSync(this.tsa.dir, { recursive: true, force: true })
  }

  /** A TSA key and certificate (EKU timeStamping, critical, as RFC 3161 asks) under the test CA. */
  private async timestampAuthority(): Promise<{ dir: string; cert: x509.X509Certificate }> {
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-tsa-'))
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as KeyPair
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: '02',
      subject: 'CN=modelgate test tsa, O=modelgate tests',
      issuer: this.ca!.cert.subject,
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 24 * 3600_000),
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: this.ca!.keys.privateKey,
      extensions: [
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.AuthorityKeyIdentifierExtension.create(this.ca!.keys.publicKey)
      ]
    })
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
    writeFileSync(join(dir, 'tsa.crt'), cert.toString('pem'))
    writeFileSync(
      join(dir, 'tsa.key'),
      `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64')}\n-----END PRIVATE KEY-----\n`
    )
    writeFileSync(join(dir, 'serial'), '01\n')
    writeFileSync(
      join(dir, 'ts.cnf'),
      [
        '[ tsa ]',
        'default_tsa = test_tsa',
        '[ test_tsa ]',
        `serial = ${join(dir, 'serial')}`,
        'signer_digest = sha256',
        'default_policy = 1.3.6.1.4.1.57264.2',
        'digests = sha256',
        'accuracy = secs:1',
        'ordering = no',
        'tsa_name = no',
        'ess_cert_id_chain = no',
        'ess_cert_id_alg = sha256',
        ''
      ].join('\n')
    )
    return { dir, cert }
  }

  /** An RFC 3161 TimeStampResp over the hash Sigstore's client sends, made by `openssl ts`. */
  private timestamp(request: { artifactHash: string; hashAlgorithm: string }): Buffer {
    const { dir } = this.tsa!
    const digest = Buffer.from(request.artifactHash, 'base64').toString('hex')
    if (request.hashAlgorithm !== 'sha256' || digest.length !== 64) throw new Error('sha256 only')
    const query = join(dir, `${randomBytes(6).toString('hex')}.tsq`)
    const reply = `${query}.tsr`
    execFileSync('openssl', ['ts', '-query', '-digest', digest, '-sha256', '-cert', '-out', query], {
      stdio: 'ignore'
    })
    execFileSync(
      'openssl',
      [
        'ts',
        '-reply',
        '-config',
        join(dir, 'ts.cnf'),
        '-queryfile',
        query,
        '-signer',
        join(dir, 'tsa.crt'),
        '-inkey',
        join(dir, 'tsa.key'),
        '-out',
        reply
      ],
      { stdio: 'ignore' }
    )
    return readFileSync(reply)
  }

  /**
   * A Sigstore trusted_root.json naming the test CA and, as the real ones do, for public-good
   * the test log, for GitHub's instance the test TSA (no CT logs either way).
   */
  trustedRoot(instance: 'public-good' | 'github' = 'public-good'): Record<string, unknown> {
    const spki = this.rekorKey.publicKey.export({ type: 'spki', format: 'der' })
    const github = instance === 'github'
    return {
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: github
        ? []
        : [
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
      timestampAuthorities: !github
        ? []
        : [
            {
              subject: { organization: 'modelgate tests', commonName: 'modelgate test tsa' },
              uri: `${this.base}/tsa`,
              certChain: {
                certificates: [this.tsa!.cert, this.ca!.cert].map((c) => ({
                  rawBytes: Buffer.from(c.rawData).toString('base64')
                }))
              },
              validFor: { start: '2020-01-01T00:00:00Z' }
            }
          ]
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
    if (req.method === 'POST' && url.pathname === '/tsa/api/v1/timestamp') {
      const reply = this.timestamp(JSON.parse(body) as { artifactHash: string; hashAlgorithm: string })
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' })
      return void res.end(reply)
    }
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
  record: PromotionRecord,
  instance: 'public-good' | 'github' = 'public-good'
): Promise<SerializedBundle> {
  const env = sim.env(instance)
  const identityToken = async (): Promise<string> => {
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL!)
    url.searchParams.set('audience', 'sigstore')
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
    })
    return ((await response.json()) as { value: string }).value
  }
  return signStatement(promotionStatement(record), {
    endpoints: sigstoreEndpoints(instance === 'public-good' ? 'public' : 'private', 'https://github.com', {
      fulcioURL: env.MODELGATE_SIGSTORE_FULCIO_URL,
      rekorURL: env.MODELGATE_SIGSTORE_REKOR_URL,
      tsaURL: env.MODELGATE_SIGSTORE_TSA_URL
    }),
    identityToken,
    // A busy machine (two jest workers on two cores) can keep the in-process stand-ins from
    // answering within the production timeout; nothing here is a timing test.
    timeoutMs: 60_000,
    retries: 0
  })
}

/** The record asset's bytes, as the release carries them. */
export const recordAsset = (record: PromotionRecord): string => `${JSON.stringify(record, null, 2)}\n`
