# Builds the silo; environment variables pick the profile.
#   docker build -f silo.Dockerfile -t notification-silo .
# Embedded (one silo, SQLite in the /data volume):
#   docker run -p 8080:8080 -p 5081:5081 -v silo-data:/data -e Auth__BootstrapKey=... notification-silo
# Cluster (every silo of the cluster the same; deploy/compose.yaml runs three):
#   -e Cluster__Provider=Redis -e Cluster__Redis__ConnectionString=redis:6379 -e Cluster__ClusterId=prod
#   -e Storage__Provider=Postgres -e Storage__Postgres__ConnectionString="Host=postgres;Username=...;Password=...;Database=notifications"
# Azure profile (grain state on Azure Table, records in the records store):
#   -e Storage__GrainState=AzureTable -e Storage__AzureTable__ConnectionString="DefaultEndpointsProtocol=https;AccountName=...;AccountKey=..."
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/NotificationSilo/NotificationSilo.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Fixed Orleans ports in a container: the silo advertises its container address and these ports to the others
# through the membership table (Cluster:AdvertisedIPAddress overrides the address when the default one is wrong).
ENV ASPNETCORE_URLS=http://+:8080 \
    Grpc__Urls=http://0.0.0.0:5081 \
    Storage__Sqlite__Path=/data/notifications.db \
    Cluster__SiloPort=11111 \
    Cluster__GatewayPort=30000
RUN mkdir -p /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080 5081 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "NotificationSilo.dll"]
