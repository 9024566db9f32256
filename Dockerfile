# Hangar production image. Build: docker build -t hangar .
# Run with docker-compose.yml (app + PostgreSQL + a mail catcher), or on its own with
# DATABASE_URL, PAYLOAD_SECRET and SMTP_* set. Migrations run before the server starts.
# Node 22 LTS (maintained until April 2027); Node 20 reached its end of life in April 2026.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
RUN groupadd --system hangar && useradd --system --gid hangar --home /app hangar
COPY --from=build --chown=hangar:hangar /app ./
USER hangar
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "-c", "npm run migrate && npm start"]
