# Builds and runs one embedded silo (SQLite in the /data volume).
#   docker build -f silo.Dockerfile -t notification-silo .
#   docker run -p 8080:8080 -p 5081:5081 -v silo-data:/data -e Auth__BootstrapKey=... notification-silo
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/NotificationSilo/NotificationSilo.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Grpc__Urls=http://0.0.0.0:5081 \
    Storage__Sqlite__Path=/data/notifications.db
RUN mkdir -p /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080 5081
USER $APP_UID
ENTRYPOINT ["dotnet", "NotificationSilo.dll"]
