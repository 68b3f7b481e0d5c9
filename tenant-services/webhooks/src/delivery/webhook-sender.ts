import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ForbiddenTargetError, guardedLookup, ipLiteralOf, isForbiddenAddress } from './ssrf-guard';

/** Characters of a receiver's answer kept in the log; the rest is read and dropped. */
export const LOGGED_BODY_CHARS = 512;
/** Bytes read of an answer before the connection is dropped: a receiver cannot make us download much. */
const READ_LIMIT_BYTES = 16 * 1024;

export interface SendOutcome {
  ok: boolean;
  /** HTTP status, undefined when no answer came (refused, timed out, forbidden target). */
  status?: number;
  latencyMs: number;
  /** The answer's start, cut to `LOGGED_BODY_CHARS`. */
  body?: string;
  error?: string;
}

export interface SenderOptions {
  timeoutMs: number;
  /** Refuse private/loopback/link-local targets and plain http (see ssrf-guard.ts). */
  guard: boolean;
  /** Sockets kept open per endpoint host (as many as attempts may run to it at once). */
  socketsPerHost: number;
}

/**
 * One POST of a signed payload. Redirects are never followed (a 3xx is a failed attempt), the whole exchange is
 * cut at `timeoutMs`, and with the guard on every connection goes to an address checked after DNS resolution.
 */
export class WebhookSender {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(private readonly options: SenderOptions) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.socketsPerHost,
      maxFreeSockets: options.socketsPerHost,
    };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
  }

  async send(target: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(target);
    if (this.options.guard) {
      const literal = ipLiteralOf(url);
      if (url.protocol !== 'https:' || (literal !== undefined && isForbiddenAddress(literal)))
        return {
          ok: false,
          latencyMs: elapsed(),
          error: 'refused: target not allowed (https to a public address only)',
        };
    }
    try {
      const answer = await this.post(url, headers, body);
      const ok = answer.status >= 200 && answer.status < 300;
      return { ok, status: answer.status, latencyMs: elapsed(), body: answer.body };
    } catch (error) {
      const message =
        error instanceof ForbiddenTargetError
          ? `refused: ${error.message}`
          : error instanceof Error
            ? error.message
            : String(error);
      return { ok: false, latencyMs: elapsed(), error: message.slice(0, 500) };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private post(
    url: URL,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; body: string }> {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        url,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'marketplace-webhooks/1',
          },
          ...(this.options.guard ? { lookup: guardedLookup as never } : {}),
        },
        (response) => readAnswer(response).then(resolve, reject),
      );
      const timer = setTimeout(
        () => request.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      request.once('close', () => clearTimeout(timer));
      request.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }
}

function readAnswer(response: IncomingMessage): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () =>
      resolve({
        status: response.statusCode ?? 0,
        body: Buffer.concat(chunks).toString('utf8').slice(0, LOGGED_BODY_CHARS),
      });
    response.on('data', (chunk: Buffer) => {
      if (size < READ_LIMIT_BYTES) chunks.push(chunk);
      size += chunk.length;
      if (size >= READ_LIMIT_BYTES) {
        response.destroy();
        done();
      }
    });
    response.once('end', done);
    response.once('error', reject);
  });
}
