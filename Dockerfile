# syntax=docker/dockerfile:1
# Relance in production: a build stage compiles the TypeScript (npm ci with the development
# dependencies, npm run build), a runtime stage holds only the production dependencies and dist/.
# No tsx and no TypeScript in the image. test/deploy/production-install.test.ts performs the same
# steps in a temporary copy of the repository (no container runtime needed).
#
#   docker build -t relance .
#   docker run --env-file .env -p 3000:3000 relance
#
# The container serves Slack and/or Discord over HTTP on PORT: configure at least one platform
# (see README.md, Deploying). Without one Relance would start its terminal console, which has no
# terminal here and exits at once.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY migrations ./migrations
COPY adapters ./adapters
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# DejaVu Sans for the charts' PNGs (src/charts/png.renderer.ts looks in /usr/share/fonts/truetype/dejavu).
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# dist/ holds the compiled code, its data files and migrations/ (dist/migrations).
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The embedded database (PGlite) when DATABASE_URL is not set: one replica only, keep /data on a volume.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# No curl in slim images: Node's fetch. Liveness only (/healthz); readiness is /readyz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `node` directly (not npm) so SIGTERM reaches Relance, which drains for SHUTDOWN_GRACE_MS (25 s by
# default): give `docker stop` more than that (docker stop -t 30; compose: stop_grace_period).
CMD ["node", "dist/src/cli.js"]
