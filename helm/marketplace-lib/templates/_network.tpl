{{/*
Ingress rules per component (the umbrella adds a namespace-wide default deny):
  - service: only the gateway, the components listed in networkPolicy.allowFrom (service-to-service
    calls) and Prometheus (monitoring namespace) may connect, plus the load balancer when the service
    has its own ingress route;
  - gateway and apps: the load balancer (global.networkPolicy.ingressFrom peers) and Prometheus.
Egress stays open: managed stores (RDS, MSK, ElastiCache, DocumentDB, S3) live outside the cluster
and are guarded by their security groups.
*/}}
{{- define "mp.networkpolicy" -}}
{{- $g := default dict .Values.global -}}
{{- $np := default dict $g.networkPolicy -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "mp.selectorLabels" . | nindent 6 }}
  policyTypes: ["Ingress"]
  ingress:
    - from:
        {{- if eq .Values.component "service" }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: gateway
        {{- range .Values.networkPolicy.allowFrom }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
        {{- end }}
        {{- /* A service with its own route (payments' Stripe webhook) also admits the load balancer. */}}
        {{- if .Values.ingress.enabled }}
        {{- with $np.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- end }}
        {{- else }}
        {{- with $np.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- end }}
      ports:
        - port: http
          protocol: TCP
    {{- if .Values.metrics.enabled }}
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ default "monitoring" $np.monitoringNamespace }}
      ports:
        - port: {{ include "mp.metricsPort" . }}
          protocol: TCP
    {{- end }}
{{- end -}}

{{- define "mp.ingress" -}}
{{- $g := default dict .Values.global -}}
{{- $ing := default dict $g.ingress -}}
{{- $host := printf "%s%s" .Values.ingress.hostPrefix $g.domain -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
  annotations:
    {{- with mergeOverwrite (deepCopy (default dict $ing.annotations)) (default dict .Values.ingress.annotations) }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- /* With an internal port the detailed readiness is not on the routed one; the process answering is enough. */}}
    alb.ingress.kubernetes.io/healthcheck-path: {{ ternary .Values.probes.livenessPath .Values.probes.readinessPath (not (empty .Values.internalPort)) }}
spec:
  ingressClassName: {{ default "alb" $ing.className }}
  {{- if $ing.tls }}
  tls:
    - hosts: [{{ $host | quote }}]
      {{- with $ing.tlsSecretName }}
      secretName: {{ . }}
      {{- end }}
  {{- end }}
  rules:
    - host: {{ $host | quote }}
      http:
        paths:
          {{- range .Values.ingress.paths }}
          - path: {{ .path }}
            pathType: {{ .pathType }}
            backend:
              service:
                name: {{ include "mp.name" $ }}
                port:
                  name: http
          {{- end }}
{{- end -}}
