import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ForbiddenTargetError, guardedLookup, ipLiteralOf, isForbiddenAddress } from './ssrf-guard';

/** Characters of a receiver's answer kept in the log; the rest is read and dropped. */
export const LOGGED_BODY_CHARS = 512;
/** Bytes read of an answer before the connection is dropped: a receiver cannot make us download much. */
const READ_LIMIT_BYTES = 16 * 1024;
/** An endpoint's keep-alive sockets are closed after this long without a delivery. */
const AGENT_IDLE_MS = 60_000;

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
  /** Sockets per endpoint (as many as attempts may run to it at once). */
  socketsPerEndpoint: number;
}

/**
 * One POST of a signed payload. Redirects are never followed (a 3xx is a failed attempt), the whole exchange is
 * cut at `timeoutMs`, and with the guard on every connection goes to an address checked after DNS resolution.
 */
export class WebhookSender {
  /**
   * Keep-alive agents per endpoint, not per host: endpoints of many sellers on one host (an integration platform)
   * must not share, and so wait for, each other's sockets.
   */
  private readonly agents = new Map<string, HttpAgent | HttpsAgent>();
  /** When each endpoint's agent was last used (performance.now()). */
  private readonly lastUsed = new Map<string, number>();

  constructor(private readonly options: SenderOptions) {}

  async send(
    endpointId: string,
    target: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<SendOutcome> {
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
      const answer = await this.post(this.agentOf(endpointId, url), url, headers, body);
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

  /** Closes the sockets of endpoints not sent to for `idleMs` (deleted, disabled, moved or just quiet). */
  forgetIdle(idleMs = AGENT_IDLE_MS): void {
    const before = performance.now() - idleMs;
    for (const [endpointId, at] of this.lastUsed)
      if (at < before) {
        this.agents.get(endpointId)?.destroy();
        this.agents.delete(endpointId);
        this.lastUsed.delete(endpointId);
      }
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
    this.lastUsed.clear();
  }

  private agentOf(endpointId: string, url: URL): HttpAgent | HttpsAgent {
    const secure = url.protocol === 'https:';
    this.lastUsed.set(endpointId, performance.now());
    const existing = this.agents.get(endpointId);
    if (existing && existing instanceof HttpsAgent === secure) return existing;
    existing?.destroy();
    const sockets = this.options.socketsPerEndpoint;
    const options = { keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets };
    const agent = secure ? new HttpsAgent(options) : new HttpAgent(options);
    this.agents.set(endpointId, agent);
    return agent;
  }

  private post(
    agent: HttpAgent | HttpsAgent,
    url: URL,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; body: string }> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        url,
        {
          method: 'POST',
          agent,
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
