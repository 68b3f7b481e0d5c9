{{/* Every object of one deployable; a component chart's only template is `include "mp.all" .`. */}}
{{- define "mp.all" -}}
{{- include "mp.withEffectiveValues" . -}}
{{- $g := default dict .Values.global -}}
{{ include "mp.serviceaccount" . }}
---
{{ include "mp.configmap" . }}
---
{{- if .Values.browserConfig }}
{{ include "mp.browserConfigMap" . }}
---
{{- end }}
{{- if .Values.secretKeys }}
{{ include "mp.secret" . }}
---
{{- end }}
{{ include "mp.deployment" . }}
---
{{ include "mp.service" . }}
---
{{ include "mp.pdb" . }}
{{- if .Values.autoscaling.enabled }}
---
{{ include "mp.hpa" . }}
{{- end }}
{{- if (default dict $g.networkPolicy).enabled }}
---
{{ include "mp.networkpolicy" . }}
{{- end }}
{{- if .Values.ingress.enabled }}
---
{{ include "mp.ingress" . }}
{{- end }}
{{- if and .Values.metrics.enabled (default dict $g.serviceMonitor).enabled }}
---
{{ include "mp.servicemonitor" . }}
{{- end }}
{{- end -}}
