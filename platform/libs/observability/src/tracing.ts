import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';

export interface TracingOptions {
  service: string;
  /** Default: HTTP server and client instrumentation. */
  instrumentations?: NodeSDKConfiguration['instrumentations'];
  env?: Readonly<Record<string, string | undefined>>;
}

export interface TracingHandle {
  /** True when spans are exported to an OTLP/HTTP collector. */
  readonly exporting: boolean;
  /** Flushes pending spans; call on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * The exporter's default agent factory uses dynamic `import()`, which jest's CommonJS sandbox refuses;
 * loading the module lazily this way keeps it after the HTTP instrumentation has patched it.
 */
function keepAliveAgent(protocol: string) {
  const { Agent } = process.getBuiltinModule(protocol === 'http:' ? 'node:http' : 'node:https');
  return new Agent({ keepAlive: true });
}

/**
 * Starts OpenTelemetry tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector; without it nothing is
 * started, so local runs and tests make no network calls. Call it before the modules it instruments are
 * loaded (first line of `main.ts`). Metrics and logs stay with prom-client and pino.
 */
export function startTracing({
  service,
  instrumentations,
  env = process.env,
}: TracingOptions): TracingHandle {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return { exporting: false, shutdown: async () => undefined };

  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  // Loaded only when spans are exported: the SDK pulls in every exporter it supports (gRPC, protobuf, Zipkin,
  // metrics, logs), ~500 modules and ~40 MiB RSS that a process without a collector never uses (ADR 0062).
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above. */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName: service,
    traceExporter: new OTLPTraceExporter({ url, httpAgentOptions: keepAliveAgent }),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: instrumentations ?? [new HttpInstrumentation()],
  });
  sdk.start();
  return { exporting: true, shutdown: () => sdk.shutdown() };
}
