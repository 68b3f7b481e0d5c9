{{/*
Shared naming and label helpers. A component's name is its chart name: services reach each other
by Service name (http://orders), so names never carry the release prefix.
*/}}
{{- define "mp.name" -}}
{{- .Chart.Name -}}
{{- end -}}

{{- define "mp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "mp.labels" -}}
{{ include "mp.selectorLabels" . }}
app.kubernetes.io/part-of: marketplace
app.kubernetes.io/component: {{ .Values.component }}
app.kubernetes.io/version: {{ include "mp.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "mp.global" -}}
{{- toYaml (default dict .Values.global) -}}
{{- end -}}

{{- define "mp.imageTag" -}}
{{- $g := default dict .Values.global -}}
{{- default (default .Chart.AppVersion $g.imageTag) .Values.image.tag -}}
{{- end -}}

{{/* registry/repository:tag, or registry/repository@digest when a digest is pinned. */}}
{{- define "mp.image" -}}
{{- $g := default dict .Values.global -}}
{{- $registry := default "" $g.imageRegistry -}}
{{- $repo := ternary (printf "%s/%s" $registry .Values.image.repository) .Values.image.repository (ne $registry "") -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repo .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (include "mp.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{- define "mp.externalSecretsEnabled" -}}
{{- $g := default dict .Values.global -}}
{{- $es := default dict $g.externalSecrets -}}
{{- if $es.enabled }}true{{ end -}}
{{- end -}}

{{/*
Settings precedence, lowest first: the library's built-in defaults, global.defaults (environment-wide
sizing from values-<env>.yaml), then the component's own values. Component charts only state what is
specific to them (component kind, image, port, probes, allowed callers, ingress host).
*/}}
{{- define "mp.builtinDefaults" -}}
component: service
image:
  repository: ""
  tag: ""
  digest: ""
replicaCount: 2
containerPort: 3000
# A second port for /metrics and the detailed /health/ready (the gateway's), reachable by the kubelet and
# Prometheus but never routed by the load balancer, which checks /health/live on the public port instead.
internalPort: null
# The settings the process reads its listen port and bind address from; pods listen on every interface.
listen:
  portVariable: PORT
  hostVariable: HOST
  internalPortVariable: ""
  host: 0.0.0.0
# NODE_OPTIONS of the Node.js components (service, gateway) unless their config sets it: 16 MB semi-spaces keep
# the young generation, and with it the peak RSS, small (ADR 0057); a 384 MB old generation keeps the heap inside
# the 512Mi limit with room for code and native memory, and makes V8 collect at ~1.35x the live heap (ADR 0062).
# SERVICE_NODE_OPTIONS of the local stack. A catalog with SEARCH_ENGINE=memory needs more (and a larger limit).
# It replaces the image's NODE_OPTIONS, so it repeats --enable-source-maps: logged stack traces name the TypeScript
# source lines, not the compiled dist/ ones.
nodeOptions: "--enable-source-maps --max-semi-space-size=16 --max-old-space-size=384"
# Settings holding another component's in-cluster address, VARIABLE: <component>[/path], rendered as
# http://<component>.<namespace>.svc.cluster.local[/path] (the component's Service, port 80).
serviceUrls: {}
# Settings holding public URLs of this environment, VARIABLE: <host prefix> or a list of them, rendered
# as https://<prefix><global.domain> (comma-separated for a list); global.domainUrls adds to them.
domainUrls: {}
# The same for bare host names (VARIABLE: <host prefix> or a list), rendered as <prefix><global.domain>.
domainHosts: {}
# Gateway only: the components whose GraphQL subgraphs it composes (SUBGRAPHS).
subgraphs: []
# Keys of the component's Secret: the ExternalSecret copies exactly these properties of
# <keyPrefix>/<environment>/<component> from AWS Secrets Manager.
secretKeys: []
terminationGracePeriodSeconds: 30
tmpSizeLimit: 64Mi
# Browser apps only: `{ keycloakClientId, mountPath }` renders config.json (public gateway, storefront and Keycloak
# URLs of global.domain) into the ConfigMap and mounts it over the image's baked local one.
browserConfig: null
probes:
  livenessPath: /health/live
  readinessPath: /health/ready
  # Periods of 5 s a container may take to start listening before it is restarted.
  startupFailureThreshold: 24
resources:
  requests:
    cpu: 100m
    memory: 192Mi
  limits:
    cpu: "1"
    memory: 512Mi
autoscaling:
  enabled: true
  minReplicas: 2
  maxReplicas: 6
  targetCPUUtilizationPercentage: 70
podDisruptionBudget:
  minAvailable: 1
serviceAccount:
  annotations: {}
config: {}
secretValues: {}
networkPolicy:
  allowFrom: []
ingress:
  enabled: false
  hostPrefix: ""
  paths:
    - path: /
      pathType: Prefix
  annotations: {}
metrics:
  enabled: true
  path: /metrics
{{- end -}}

{{- define "mp.withEffectiveValues" -}}
{{- $g := default dict .Values.global -}}
{{- $own := omit .Values "global" -}}
{{- $effective := mergeOverwrite (include "mp.builtinDefaults" . | fromYaml) (deepCopy (default dict $g.defaults)) (deepCopy $own) -}}
{{- $_ := set $effective "global" $g -}}
{{- $_ := set . "Values" $effective -}}
{{- end -}}

{{/* http://<component>.<namespace>.svc.cluster.local<path> from "<component>[/path]". */}}
{{- define "mp.serviceUrl" -}}
{{- $target := .target -}}
{{- $name := regexReplaceAll "/.*$" $target "" -}}
{{- $path := trimPrefix $name $target -}}
{{- printf "http://%s.%s.svc.cluster.local%s" $name .namespace $path -}}
{{- end -}}

{{/*
The component's settings (ConfigMap data): global.config, then its own config (services and the gateway get
NODE_OPTIONS from nodeOptions unless one of them sets it), then the addresses
built from serviceUrls, domainUrls, domainHosts and subgraphs, which always win so no literal address can shadow them.
*/}}
{{- define "mp.settings" -}}
{{- $g := default dict .Values.global -}}
{{- $settings := mergeOverwrite (deepCopy (default dict $g.config)) (deepCopy (default dict .Values.config)) -}}
{{- if and .Values.nodeOptions (has .Values.component (list "service" "gateway")) (not (hasKey $settings "NODE_OPTIONS")) -}}
{{- $_ := set $settings "NODE_OPTIONS" .Values.nodeOptions -}}
{{- end -}}
{{- $ns := .Release.Namespace -}}
{{- range $variable, $target := .Values.serviceUrls -}}
{{- $_ := set $settings $variable (include "mp.serviceUrl" (dict "target" $target "namespace" $ns)) -}}
{{- end -}}
{{- range $variable, $prefixes := mergeOverwrite (deepCopy (default dict $g.domainUrls)) (deepCopy (default dict .Values.domainUrls)) -}}
{{- $urls := list -}}
{{- range (kindIs "slice" $prefixes | ternary $prefixes (list $prefixes)) -}}
{{- $urls = append $urls (printf "https://%s%s" . $g.domain) -}}
{{- end -}}
{{- $_ := set $settings $variable (join "," $urls) -}}
{{- end -}}
{{- range $variable, $prefixes := .Values.domainHosts -}}
{{- $hosts := list -}}
{{- range (kindIs "slice" $prefixes | ternary $prefixes (list $prefixes)) -}}
{{- $hosts = append $hosts (printf "%s%s" . $g.domain) -}}
{{- end -}}
{{- $_ := set $settings $variable (join "," $hosts) -}}
{{- end -}}
{{- with .Values.subgraphs -}}
{{- $entries := list -}}
{{- range . -}}
{{- $entries = append $entries (printf "%s=%s" . (include "mp.serviceUrl" (dict "target" . "namespace" $ns))) -}}
{{- end -}}
{{- $_ := set $settings "SUBGRAPHS" (join "," $entries) -}}
{{- end -}}
{{- toYaml $settings -}}
{{- end -}}

{{/* The port of /metrics and of the readiness probe: the internal one where the component has it. */}}
{{- define "mp.metricsPort" -}}
{{- ternary "internal" "http" (not (empty .Values.internalPort)) -}}
{{- end -}}
