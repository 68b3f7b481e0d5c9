import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK, NodeSDKConfiguration } from '@opentelemetry/sdk-node';

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
export function startTracing({ service, instrumentations, env = process.env }: TracingOptions): TracingHandle {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return { exporting: false, shutdown: async () => undefined };

  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || `${endpoint.replace(/\/+$/, '')}/v1/traces`;
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
