# Container image for LoadLab shards and merge jobs (`loadlab k8s-job --image ...`).
# Build: docker build -t <registry>/loadlab:0.1.0 .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/LoadLab.Cli -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0
# Charts in the report need fonts and fontconfig (SkiaSharp).
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
COPY scenarios /app/scenarios
RUN ln -s /app/loadlab /usr/local/bin/loadlab
# Results go to a mounted volume; nothing is written into the image.
WORKDIR /work
ENTRYPOINT ["loadlab"]
