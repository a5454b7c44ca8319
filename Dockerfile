# syntax=docker/dockerfile:1
# One image definition for every Tradeflow service; ARG APP picks which one the image runs:
#   docker build --build-arg APP=ledger -t tradeflow/ledger .
# APP is one of trade-capture, risk-compliance, clearing, settlement, ledger.
# (The console web app, port 3000, comes later and will get its own image.)
#
# Only the last steps depend on APP, so building all five images installs and compiles the workspace once
# and the five images share their Node, node_modules and dist layers.

############################ build: install, compile with swc, prune to production deps
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV CI=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

COPY package.json package-lock.json ./
# --ignore-scripts: the `node` devDependency's preinstall would download a second Node binary (the image
# already has Node 24) and nx's postinstall is not needed. Nothing the build or the runtime uses needs an
# install script: @swc/core loads its prebuilt binary from its optional platform package, and the other
# scripts are a version check (protobufjs) and telemetry (@scarf/scarf). The `node` package is a
# devDependency, so the prune below removes it.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts || npm install --ignore-scripts --no-audit --no-fund

COPY . .
# Compile apps/ and libs/ to dist/ (path aliases rewritten), then drop devDependencies from node_modules.
RUN node scripts/build.cjs \
 && npm prune --omit=dev --ignore-scripts \
 && test -f dist/libs/shared/platform/src/index.js

############################ runtime: Node 24, compiled JavaScript and production node_modules only
FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production

# Copied files stay owned by root, so the service (user node) cannot modify its own code. These layers come
# before ARG APP, so the five images share them.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The committed DEVELOPMENT public key, which docker-compose.yml points JWT_PUBLIC_KEY at so tokens from
# `npm run token` work out of the box. It protects nothing, so the image deliberately does not default
# JWT_PUBLIC_KEY to it: a real deployment must set JWT_PUBLIC_KEY (a PEM, or a path to a mounted one).
COPY infra/dev-keys/jwt-public.pem ./infra/dev-keys/jwt-public.pem

ARG APP
ENV APP=${APP}
# Fail the build, not the container, when APP is missing or names no app.
RUN if [ -z "${APP}" ]; then \
      echo 'build with --build-arg APP=<trade-capture|risk-compliance|clearing|settlement|ledger>' >&2; exit 1; \
    fi; \
    if [ ! -f "dist/apps/${APP}/src/main.js" ]; then \
      echo "no app named '${APP}' (no dist/apps/${APP}/src/main.js)" >&2; exit 1; \
    fi

USER node

# Liveness only (the process answers HTTP; it listens once migrations, topics and consumers are up, hence
# the long start period). Readiness (/health/ready) is checked by docker-compose.yml and Kubernetes.
# PORT falls back to the service's default port, as the service itself does.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "const d={'trade-capture':3001,'risk-compliance':3002,clearing:3003,settlement:3004,ledger:3005};fetch('http://127.0.0.1:'+(process.env.PORT||d[process.env.APP])+'/health/live',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

# Shell form so ${APP} expands; `exec` replaces the shell with node, so node is PID 1 and receives SIGTERM
# directly (the service drains consumers, the outbox relay and HTTP within SHUTDOWN_TIMEOUT_MS).
CMD exec node dist/apps/${APP}/src/main.js
