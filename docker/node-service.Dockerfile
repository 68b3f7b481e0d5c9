# syntax=docker/dockerfile:1.7
# One image recipe for every Node deployable of the pnpm workspace (gateway and tenant services).
#   docker build -f docker/node-service.Dockerfile \
#     --build-arg SERVICE_DIR=tenant-services/orders --build-arg SERVICE_NAME=orders -t orders .
# Build context is the repository root: services import the shared libs under platform/libs.
# Workspace packages point `main` at src/index.ts (swc runs TypeScript in dev and tests); here every
# package of the service's workspace closure is compiled to dist/ with swc and `pnpm deploy --prod`
# copies the service plus its production dependencies (libs injected as copies) into /out.

FROM node:24.9.0-bookworm-slim AS builder
ARG SERVICE_DIR
ENV PNPM_HOME=/pnpm CI=true
ENV PATH=$PNPM_HOME:$PATH
RUN npm install --global --no-audit --no-fund pnpm@12.4.2
WORKDIR /repo
# Lockfile first: dependency download is cached until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm config set store-dir /pnpm/store \
 && pnpm fetch --frozen-lockfile
COPY . .
# The gateway also serves the developer guide (/docs/guide/, platform/gateway/src/rest/api-docs.ts): a copy of
# docs/developers goes beside its code.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store test -n "${SERVICE_DIR}" \
 && pnpm install --offline --frozen-lockfile --filter "{${SERVICE_DIR}}..." --filter marketplace \
 && pnpm --filter "{${SERVICE_DIR}}..." exec node /repo/docker/compile-package.mjs \
 && pnpm --filter "{${SERVICE_DIR}}" deploy --prod --offline /out \
 && rm -rf /out/src /out/test /out/*.spec.ts \
 && if [ "${SERVICE_DIR}" = platform/gateway ]; then mkdir -p /out/docs && cp -R docs/developers /out/docs/; fi

FROM node:24.9.0-bookworm-slim AS runtime
ARG SERVICE_NAME
LABEL org.opencontainers.image.title="${SERVICE_NAME}" \
      org.opencontainers.image.source="https://github.com/marketplace/marketplace"
ENV NODE_ENV=production \
    PORT=3000 \
    OTEL_SERVICE_NAME=${SERVICE_NAME} \
    NODE_OPTIONS="--enable-source-maps"
WORKDIR /app
# Owned by root and read-only for the runtime user: the container runs with readOnlyRootFilesystem,
# the only writable path is the /tmp volume the chart mounts.
COPY --from=builder --chown=root:root /out /app
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
