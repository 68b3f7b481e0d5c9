import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const REPO_ROOT = join(__dirname, '..', '..', '..');
export const CHART_NAMESPACE = 'marketplace';
export const CHART_DOMAIN_SUFFIX = `.${CHART_NAMESPACE}.svc.cluster.local`;

/** One Deployment of the rendered umbrella chart, as its pod would see its environment. */
export interface ChartDeployable {
  name: string;
  /** Workspace folder of the deployable (platform/stack/services.txt). */
  directory: string;
  /** `service`, `gateway` or `app` (the chart's component label). */
  component: string;
  /** ConfigMap data plus the container's literal `env` entries, as rendered. */
  settings: Record<string, string>;
  /** Keys the Secret (ExternalSecret) supplies; values come from the environment's secret store. */
  secretKeys: string[];
  portVariable: string;
  hostVariable: string;
  /** The setting of the port named `internal` (metrics, detailed readiness), where the chart gives one. */
  internalPortVariable?: string;
  containerPort: number;
  /** Paths the load balancer routes straight to this deployable (its own Ingress). */
  ingressPaths: string[];
}

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: Record<string, unknown>;
}

interface Container {
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
}

/** The helm binary deploy/check installs (HELM overrides it). */
export function helmBinary(): string {
  const cache = process.env.STACK_CACHE ?? join(homedir(), '.cache', 'marketplace-stack');
  const helm = process.env.HELM ?? join(cache, 'deploy-tools', 'bin', 'helm');
  if (!existsSync(helm)) throw new Error(`${helm} is missing: run bash deploy/check once, it installs helm`);
  return helm;
}

/** `helm template` of the umbrella chart with helm/marketplace/<valuesFile> (dependencies built first). */
export function renderUmbrellaChart(valuesFile: string): Manifest[] {
  const helm = helmBinary();
  execFileSync('bash', [join(REPO_ROOT, 'deploy/helm-deps'), helm], { cwd: REPO_ROOT, stdio: 'pipe' });
  const rendered = execFileSync(
    helm,
    [
      'template',
      'marketplace',
      'helm/marketplace',
      '--namespace',
      CHART_NAMESPACE,
      '-f',
      `helm/marketplace/${valuesFile}`,
      '--set',
      'global.imageRegistry=123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      '--set',
      'global.imageTag=0123456789abcdef0123456789abcdef01234567',
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  );
  return parseAllDocuments(rendered)
    .map((document) => document.toJSON() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function workspaceDirectories(): Map<string, string> {
  const lines = readFileSync(join(REPO_ROOT, 'platform/stack/services.txt'), 'utf8').split('\n');
  return new Map(
    lines
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => line.trim().split(/\s+/) as [string, string]),
  );
}

/**
 * Every Deployment of the platform's own code with the settings its pod gets from the chart: command (the image's)
 * and environment. The log and trace shippers (component `observability`, upstream images) are not started here.
 */
export function chartDeployables(manifests: Manifest[]): ChartDeployable[] {
  const find = (kind: string, name: string) =>
    manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  const directories = workspaceDirectories();
  return manifests
    .filter(
      (manifest) =>
        manifest.kind === 'Deployment' &&
        manifest.metadata.labels?.['app.kubernetes.io/component'] !== 'observability',
    )
    .map((deployment) => {
      const name = deployment.metadata.name;
      const template = (deployment.spec as { template: { spec: { containers: Container[] } } }).template;
      const [container] = template.spec.containers;
      if (!container) throw new Error(`Deployment ${name} has no container`);
      const settings: Record<string, string> = {};
      let secretName: string | undefined;
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) Object.assign(settings, find('ConfigMap', source.configMapRef.name)?.data);
        if (source.secretRef) secretName = source.secretRef.name;
      }
      for (const variable of container.env ?? [])
        if (variable.value !== undefined) settings[variable.name] = variable.value;
      const containerPort = container.ports?.[0]?.containerPort ?? 0;
      const [portVariable, hostVariable] = (container.env ?? []).map((variable) => variable.name);
      if (!portVariable || settings[portVariable] !== String(containerPort) || !hostVariable)
        throw new Error(`Deployment ${name} does not start with its port and bind host settings`);
      const internalPort = container.ports?.find((port) => port.name === 'internal')?.containerPort;
      const internalPortVariable =
        internalPort === undefined
          ? undefined
          : (container.env ?? []).find(
              (variable) => variable.name !== portVariable && variable.value === String(internalPort),
            )?.name;
      if (internalPort !== undefined && !internalPortVariable)
        throw new Error(`Deployment ${name} has an internal port but no setting naming it`);
      const secret = secretName ? find('ExternalSecret', secretName) : undefined;
      const secretKeys = ((secret?.spec?.data as { secretKey: string }[] | undefined) ?? []).map(
        (entry) => entry.secretKey,
      );
      const ingress = find('Ingress', name)?.spec as
        { rules: { http: { paths: { path: string }[] } }[] } | undefined;
      const directory = directories.get(name);
      if (!directory) throw new Error(`Deployment ${name} is no deployable of platform/stack/services.txt`);
      return {
        name,
        directory,
        component: deployment.metadata.labels?.['app.kubernetes.io/component'] ?? 'service',
        settings,
        secretKeys,
        portVariable,
        hostVariable,
        ...(internalPortVariable ? { internalPortVariable } : {}),
        containerPort,
        ingressPaths: ingress?.rules.flatMap((rule) => rule.http.paths.map((path) => path.path)) ?? [],
      };
    });
}

/** The in-cluster names of other deployables a setting value refers to (http://<name>.<namespace>.svc...). */
export function referencedDeployables(value: string): string[] {
  const pattern = new RegExp(`https?://([a-z0-9-]+)${CHART_DOMAIN_SUFFIX.replace(/\./g, '\\.')}`, 'g');
  return [...value.matchAll(pattern)].map((match) => match[1]!);
}

/** Replaces every in-cluster address with where that deployable answers here. */
export function mapClusterAddresses(value: string, urls: ReadonlyMap<string, string>): string {
  const pattern = new RegExp(`https?://([a-z0-9-]+)${CHART_DOMAIN_SUFFIX.replace(/\./g, '\\.')}`, 'g');
  return value.replace(pattern, (_, name: string) => {
    const url = urls.get(name);
    if (!url) throw new Error(`${value} refers to ${name}, which is not running`);
    return url;
  });
}
