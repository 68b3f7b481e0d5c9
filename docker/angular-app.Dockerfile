# syntax=docker/dockerfile:1.7
# One image recipe for the Angular apps (storefront, seller-portal, admin-portal), two targets:
#   --target spa  static browser bundle on nginx-unprivileged (seller-portal, admin-portal)
#   --target ssr  Angular SSR server on Node (storefront)
#   docker build -f docker/angular-app.Dockerfile --target ssr \
#     --build-arg APP_DIR=storefront --build-arg APP_NAME=storefront -t storefront .
# The application builder writes dist/<app>/browser (and dist/<app>/server for SSR).

FROM node:24.9.0-bookworm-slim AS builder
ARG APP_DIR
ENV PNPM_HOME=/pnpm CI=true
ENV PATH=$PNPM_HOME:$PATH
RUN npm install --global --no-audit --no-fund pnpm@12.4.2
WORKDIR /repo
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm config set store-dir /pnpm/store \
 && pnpm fetch --frozen-lockfile
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store test -n "${APP_DIR}" \
 && pnpm install --offline --frozen-lockfile --filter "{${APP_DIR}}..." --filter marketplace \
 && pnpm --filter "{${APP_DIR}}" run build \
 && mkdir -p /out && cp -r "${APP_DIR}/dist/$(basename "${APP_DIR}")/." /out/

FROM nginxinc/nginx-unprivileged:1.29-alpine AS spa
ARG APP_NAME
LABEL org.opencontainers.image.title="${APP_NAME}"
COPY docker/nginx-spa.conf /etc/nginx/conf.d/default.conf
COPY --from=builder /out/browser /usr/share/nginx/html
# nginx-unprivileged runs as uid 101 and listens on 8080; temp paths point at /tmp (an emptyDir).
USER 101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]

FROM node:24.9.0-bookworm-slim AS ssr
ARG APP_NAME
LABEL org.opencontainers.image.title="${APP_NAME}"
ENV NODE_ENV=production PORT=8080
WORKDIR /app
COPY --from=builder --chown=root:root /out /app
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server/server.mjs"]
