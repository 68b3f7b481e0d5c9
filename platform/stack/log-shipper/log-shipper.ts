import { open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Development counterpart of the Fluent Bit DaemonSet (deploy/monitoring/logging/fluent-bit.conf): follows the
 * deployables' log files that `npm start` writes ($STACK_LOGS/app-<name>.log, one pino JSON object a line) and
 * bulk-indexes every line into the local OpenSearch node as `<prefix>-YYYY.MM.DD`, normalized as pino.lua does
 * (level name, `@timestamp`, `service`, `tenantId` "-" when absent), so a trace or a tenant is one query away.
 * At least once: a file's offset advances only after OpenSearch accepted its lines, and offsets survive restarts.
 */
export interface LogShipperOptions {
  /** Folder of the log files. */
  directory: string;
  /** Which files to follow; the service name is the first capture group. */
  filePattern?: RegExp;
  openSearchUrl: string;
  /** Index name prefix; the day (UTC) is appended, as Fluent Bit's Logstash_Format does. */
  indexPrefix?: string;
  /** Where offsets are kept between runs. */
  stateFile: string;
  pollMs?: number;
  /** Lines per bulk request at most. */
  batchLines?: number;
  /** Indices of the prefix older than this many days are deleted at start. */
  retentionDays?: number;
  onError?: (error: unknown) => void;
}

interface Shipped {
  files: number;
  lines: number;
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const MAX_READ_BYTES = 4 * 1024 * 1024;

export class LogShipper {
  private readonly filePattern: RegExp;
  private readonly indexPrefix: string;
  private readonly batchLines: number;
  private offsets = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private failures = 0;

  constructor(private readonly options: LogShipperOptions) {
    this.filePattern = options.filePattern ?? /^app-(.+)\.log$/;
    this.indexPrefix = options.indexPrefix ?? 'marketplace-local';
    this.batchLines = options.batchLines ?? 2000;
  }

  /**
   * Loads the offsets; a file seen for the first time is followed from its end when `fromEnd` (lines of earlier
   * runs that were never shipped stay where they are) or from its start. Ships once, then polls.
   */
  async start({ fromEnd = true }: { fromEnd?: boolean } = {}): Promise<void> {
    await this.ensureTemplate();
    await this.dropExpiredIndices();
    this.offsets = await this.loadOffsets();
    if (fromEnd) {
      for (const file of await this.files()) {
        if (!this.offsets.has(file))
          this.offsets.set(file, (await stat(join(this.options.directory, file))).size);
      }
      await this.saveOffsets();
    }
    const pass = () =>
      this.shipOnce()
        .then(() => (this.failures = 0))
        .catch((error: unknown) => {
          this.failures += 1;
          this.options.onError?.(error);
        });
    const tick = () => {
      this.running = pass().finally(() => {
        // Back off while OpenSearch refuses; nothing is lost, the offsets wait.
        const delay = (this.options.pollMs ?? 1000) * Math.min(2 ** this.failures, 30);
        if (this.timer) this.timer = setTimeout(tick, delay);
      });
    };
    // The first pass before start() resolves: what the files hold now is shipped (or its failure reported).
    await pass();
    this.timer = setTimeout(tick, this.options.pollMs ?? 1000);
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    clearTimeout(timer);
    await this.running;
  }

  /** Ships what the files gained since the last pass. */
  async shipOnce(): Promise<Shipped> {
    let lines = 0;
    let files = 0;
    for (const file of await this.files()) {
      const path = join(this.options.directory, file);
      const size = (await stat(path)).size;
      let offset = this.offsets.get(file) ?? 0;
      // Truncated or replaced: start over.
      if (size < offset) offset = 0;
      while (offset < size) {
        const chunk = await readRange(path, offset, Math.min(size - offset, MAX_READ_BYTES));
        const end = chunk.lastIndexOf(0x0a);
        if (end < 0) break;
        const service = this.filePattern.exec(file)![1]!;
        const records = chunk
          .subarray(0, end)
          .toString('utf8')
          .split('\n')
          .filter((line) => line.trim().length > 0)
          .map((line) => normalize(line, service));
        for (let from = 0; from < records.length; from += this.batchLines)
          await this.index(records.slice(from, from + this.batchLines));
        offset += end + 1;
        lines += records.length;
        this.offsets.set(file, offset);
        await this.saveOffsets();
      }
      if (this.offsets.get(file) !== offset) {
        this.offsets.set(file, offset);
        await this.saveOffsets();
      }
      files += 1;
    }
    return { files, lines };
  }

  private async files(): Promise<string[]> {
    const names = await readdir(this.options.directory).catch(() => [] as string[]);
    return names.filter((name) => this.filePattern.test(name)).sort();
  }

  private async index(records: Record<string, unknown>[]): Promise<void> {
    if (records.length === 0) return;
    const body =
      records
        .flatMap((record) => [
          JSON.stringify({ create: { _index: `${this.indexPrefix}-${day(String(record['@timestamp']))}` } }),
          JSON.stringify(record),
        ])
        .join('\n') + '\n';
    const answer = await this.request('POST', '/_bulk', body, 'application/x-ndjson');
    const result = (await answer.json()) as {
      errors: boolean;
      items: { create: { status: number; error?: { type: string; reason: string } } }[];
    };
    // A line OpenSearch refuses for its content (a mapping conflict) is dropped with a note; anything else retries.
    const retryable = result.items.filter(
      (item) => item.create.status === 429 || (item.create.error !== undefined && item.create.status >= 500),
    );
    if (retryable.length > 0)
      throw new Error(
        `OpenSearch refused ${retryable.length} log line(s): ${retryable[0]!.create.error?.reason}`,
      );
    const refused = result.items.filter((item) => item.create.error);
    if (refused.length > 0)
      this.options.onError?.(
        new Error(
          `${refused.length} log line(s) not indexable, skipped: ${refused[0]!.create.error!.reason}`,
        ),
      );
  }

  /** Keyword fields for what people filter on, text for messages; like the production domain's template. */
  private async ensureTemplate(): Promise<void> {
    await this.request(
      'PUT',
      `/_index_template/${this.indexPrefix}`,
      JSON.stringify({
        index_patterns: [`${this.indexPrefix}-*`],
        template: {
          settings: { number_of_shards: 1, number_of_replicas: 0 },
          mappings: {
            dynamic_templates: [
              { messages: { match: 'msg', mapping: { type: 'text' } } },
              { strings: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 1024 } } },
            ],
            properties: { '@timestamp': { type: 'date' } },
          },
        },
      }),
    );
  }

  private async dropExpiredIndices(): Promise<void> {
    const retentionDays = this.options.retentionDays ?? 7;
    const answer = await this.request('GET', `/_cat/indices/${this.indexPrefix}-*?format=json&h=index`);
    const indices = (await answer.json()) as { index: string }[];
    const oldest = day(new Date(Date.now() - retentionDays * 86_400_000).toISOString());
    const expired = indices
      .map(({ index }) => index)
      .filter((index) => index.slice(this.indexPrefix.length + 1) < oldest);
    if (expired.length > 0) await this.request('DELETE', `/${expired.join(',')}`);
  }

  private async request(method: string, path: string, body?: string, contentType = 'application/json') {
    const answer = await fetch(new URL(path, this.options.openSearchUrl), {
      method,
      body,
      headers: body ? { 'content-type': contentType } : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    if (!answer.ok && !(method === 'GET' && answer.status === 404))
      throw new Error(
        `OpenSearch ${method} ${path} answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`,
      );
    return answer;
  }

  private async loadOffsets(): Promise<Map<string, number>> {
    try {
      return new Map(
        Object.entries(JSON.parse(await readFile(this.options.stateFile, 'utf8')) as Record<string, number>),
      );
    } catch {
      return new Map();
    }
  }

  private async saveOffsets(): Promise<void> {
    const temporary = `${this.options.stateFile}.tmp`;
    await writeFile(temporary, JSON.stringify(Object.fromEntries(this.offsets)));
    await rename(temporary, this.options.stateFile);
  }
}

/** One log line as the production pipeline stores it (pino.lua and the modify filter of fluent-bit.conf). */
export function normalize(line: string, service: string): Record<string, unknown> {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    record = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { ...parsed } : { msg: line };
  } catch {
    // Not pino (a package manager's or a crash's output): kept as the message.
    record = { msg: line };
  }
  if (typeof record.level === 'number') record.level = LEVELS[record.level] ?? String(record.level);
  record.level ??= 'info';
  const time =
    typeof record.time === 'number' || typeof record.time === 'string' ? new Date(record.time) : undefined;
  record['@timestamp'] =
    time && !Number.isNaN(time.getTime()) ? time.toISOString() : new Date().toISOString();
  delete record.time;
  record.service ??= service;
  record.tenantId ??= '-';
  return record;
}

function day(timestamp: string): string {
  return timestamp.slice(0, 10).replaceAll('-', '.');
}

async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
