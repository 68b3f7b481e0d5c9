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
terminationGracePeriodSeconds: 30
tmpSizeLimit: 64Mi
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
