# syntax=docker/dockerfile:1
# HelloWork web app. Build and run on a machine with Docker:
#   docker build -t hellowork .
#   docker compose up --build        (two app instances behind Caddy, PostgreSQL, Redis, Mailpit: docker-compose.yml)
# Without configuration the app uses SQLite in /app/data and writes mails to /app/data/mail.

# --- front-end packages (htmx, @microsoft/signalr), pinned by package-lock.json ---------------------
FROM node:20 AS frontend
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

# --- build and publish ----------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused while only code changes.
COPY Directory.Build.props ./
COPY src/HelloWork.Web/HelloWork.Web.csproj src/HelloWork.Web/
RUN dotnet restore src/HelloWork.Web/HelloWork.Web.csproj
COPY . .
COPY --from=frontend /src/node_modules ./node_modules
# SkipNpm: node_modules comes from the frontend stage (the SDK image has no node).
RUN dotnet publish src/HelloWork.Web -c Release -o /app -p:SkipNpm=true --no-restore

# --- runtime --------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# data/ (SQLite database and mail pickup of the embedded default) is the only place the app writes.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
# The image's non-root "app" user (APP_UID is set by the base image).
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# /healthz answers 200 when the database is reachable and migrated ("degraded" when only Redis is away:
# pages work, pushes pause), 503 otherwise (no curl in the image).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["dotnet", "HelloWork.Web.dll"]
