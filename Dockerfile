# Foros in a container — UNTESTED: written on a machine without Docker, never built or run. It follows the same
# commands as the README (npm ci, npm run build, npm run serve); report what fails.
#
#   docker build -t foros .
#   docker run -p 3000:3000 -v foros-data:/data -e FOROS_ADMIN_PASSWORD='…' foros            # SQLite in /data
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e FOROS_ADMIN_PASSWORD='…' foros   # PostgreSQL
#   docker run --rm -e DATABASE_URL=postgres://… foros node dist-server/migrate.mjs          # npm run migrate
#
# compose.yaml runs it beside PostgreSQL.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles itself when no prebuilt binary fits the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    FOROS_DB=/data/foros.sqlite \
    FOROS_DEMO=0
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/dist-server ./dist-server
COPY --from=build /app/scripts/serve.mjs ./scripts/serve.mjs
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# GET /api/health: 200 when the database answers and is migrated (README, «Running several processes»).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# What `npm run serve` runs, started directly so that SIGTERM (docker stop) reaches the server itself: it stops
# accepting, finishes the requests in flight (up to FOROS_SHUTDOWN_SECONDS, 25 by default; docker waits 10 s unless
# told otherwise: `docker stop -t 30`, compose's stop_grace_period), closes the database and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "scripts/serve.mjs"]
