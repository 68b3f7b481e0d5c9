{{- define "mp.servicemonitor" -}}
{{- $g := default dict .Values.global -}}
{{- $sm := default dict $g.serviceMonitor -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
    {{- with $sm.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "mp.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: {{ include "mp.metricsPort" . }}
      path: {{ .Values.metrics.path }}
      interval: {{ default "30s" $sm.interval }}
      relabelings:
        - targetLabel: service
          replacement: {{ include "mp.name" . }}
{{- end -}}
