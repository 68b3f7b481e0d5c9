{{- define "mp.serviceaccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}

{{- define "mp.configmap" -}}
{{- $g := default dict .Values.global -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
data:
  SERVICE_NAME: {{ include "mp.name" . | quote }}
  DEPLOY_ENVIRONMENT: {{ default "dev" $g.environment | quote }}
  {{- range $key, $value := include "mp.settings" . | fromYaml }}
  {{ $key }}: {{ $value | toString | quote }}
  {{- end }}
{{- end -}}

{{/* A browser app's /config.json, in a ConfigMap of its own (the component's is loaded as environment variables). */}}
{{- define "mp.browserConfigMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "mp.name" . }}-browser
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
data:
  config.json: {{ include "mp.browserConfig" . | quote }}
{{- end -}}

{{/*
The runtime configuration a browser app (SPA on nginx) reads from /config.json: the public gateway, storefront and
Keycloak addresses of this environment, so one image serves every environment.
*/}}
{{- define "mp.browserConfig" -}}
{{- $g := default dict .Values.global -}}
{{- dict "graphqlUrl" (printf "https://api.%s/graphql" $g.domain) "storefrontUrl" (printf "https://%s" $g.domain) "keycloak" (dict "url" (printf "https://auth.%s" $g.domain) "realm" (default "marketplace" (default dict $g.config).KEYCLOAK_REALM) "clientId" .Values.browserConfig.keycloakClientId) | toJson -}}
{{- end -}}

{{/*
Credentials: with global.externalSecrets.enabled an ExternalSecret (External Secrets Operator) copies
the component's entry from AWS Secrets Manager; otherwise a plain Secret is filled from
.Values.secretValues, which is supplied at install time (never committed).
*/}}
{{- define "mp.secret" -}}
{{- $g := default dict .Values.global -}}
{{- if include "mp.externalSecretsEnabled" . }}
{{- $es := $g.externalSecrets -}}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
spec:
  refreshInterval: {{ default "1h" $es.refreshInterval }}
  secretStoreRef:
    name: {{ $es.secretStoreRef.name }}
    kind: {{ default "ClusterSecretStore" $es.secretStoreRef.kind }}
  target:
    name: {{ include "mp.name" . }}
    creationPolicy: Owner
  data:
    {{- range .Values.secretKeys }}
    - secretKey: {{ . }}
      remoteRef:
        key: {{ printf "%s/%s/%s" (default "marketplace" $es.keyPrefix) (default "dev" $g.environment) (include "mp.name" $) }}
        property: {{ . }}
    {{- end }}
{{- else }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
type: Opaque
{{- with .Values.secretValues }}
stringData:
  {{- range $key, $value := . }}
  {{ $key }}: {{ $value | toString | quote }}
  {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "mp.deployment" -}}
{{- $g := default dict .Values.global -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "mp.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "mp.labels" . | nindent 8 }}
      annotations:
        # Settings changes roll the pods; secrets are re-read on the next rollout.
        checksum/config: {{ include "mp.configmap" . | sha256sum }}
    spec:
      serviceAccountName: {{ include "mp.name" . }}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "mp.selectorLabels" . | nindent 14 }}
      containers:
        - name: {{ include "mp.name" . }}
          image: {{ include "mp.image" . }}
          imagePullPolicy: {{ default "Always" $g.imagePullPolicy }}
          ports:
            - name: http
              containerPort: {{ .Values.containerPort }}
              protocol: TCP
            {{- with .Values.internalPort }}
            - name: internal
              containerPort: {{ . }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "mp.name" . }}
            {{- if .Values.secretKeys }}
            - secretRef:
                name: {{ include "mp.name" . }}
            {{- end }}
          env:
            - name: {{ .Values.listen.portVariable }}
              value: {{ .Values.containerPort | quote }}
            - name: {{ .Values.listen.hostVariable }}
              value: {{ .Values.listen.host | quote }}
            {{- with .Values.internalPort }}
            - name: {{ $.Values.listen.internalPortVariable }}
              value: {{ . | quote }}
            {{- end }}
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          livenessProbe:
            httpGet:
              path: {{ .Values.probes.livenessPath }}
              port: http
            initialDelaySeconds: 10
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: {{ .Values.probes.readinessPath }}
              port: {{ include "mp.metricsPort" . }}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          startupProbe:
            httpGet:
              path: {{ .Values.probes.livenessPath }}
              port: http
            periodSeconds: 5
            failureThreshold: {{ .Values.probes.startupFailureThreshold }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            privileged: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            runAsUser: 10001
            capabilities:
              drop: ["ALL"]
            seccompProfile:
              type: RuntimeDefault
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .Values.browserConfig }}
            - name: browser-config
              mountPath: {{ .mountPath }}
              subPath: config.json
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
        {{- if .Values.browserConfig }}
        - name: browser-config
          configMap:
            name: {{ include "mp.name" . }}-browser
            items:
              - key: config.json
                path: config.json
        {{- end }}
{{- end -}}

{{- define "mp.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "mp.name" . }}
  namespace: {{ .Release.Namespace }}
  annotations:
    # Which port Prometheus scrapes (deploy/monitoring/prometheus/prometheus.yml keeps only that one).
    marketplace/metrics-port: {{ include "mp.metricsPort" . }}
  labels:
    {{- include "mp.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "mp.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
    {{- with .Values.internalPort }}
    - name: internal
      port: {{ . }}
      targetPort: internal
      protocol: TCP
    {{- end }}
{{- end -}}
