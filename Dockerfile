# syntax=docker/dockerfile:1
# The image of the CronJobs and the serve Deployment (k8s/cronjob): docker build -t ghcr.io/smartcloudops/health-audit:<version> .

# Build: the core module (the product without the demo estate and without PostgreSQL binaries: a run in the image
# uses a server store); the demo module's POM and sources only take part in the reactor. The cache mount keeps
# ~/.m2 between builds.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY .mvn .mvn
COPY pom.xml .
COPY core/pom.xml core/
COPY core/src/main core/src/main
COPY core/src/build core/src/build
COPY demo/pom.xml demo/
COPY demo/src/main demo/src/main
COPY cli/pom.xml cli/
COPY reports/templates reports/templates
RUN --mount=type=cache,target=/root/.m2 mvn -B -Dmaven.test.skip=true -pl core -am package

# Start-up: the jar extracted (classes load from plain jars, not from jars nested in a jar) and a class-data-sharing
# archive of a training run, which every run maps instead of loading and verifying the same classes again
# (docs/benchmarks.md, "Start-up"). The training run audits one unreachable URL against a throwaway PostgreSQL, on the
# JRE and with the JVM options of the run stage; the archive holds classes, no data. Without it the JVM starts as
# before, only slower.
# The JVM options: a run is over before the optimising compiler's work pays back on two cores, even the sweep of
# 150,000 pods (C1 alone: less CPU, less wall time), and a heap of a few hundred MB needs no concurrent collector.
FROM eclipse-temurin:17-jre AS train
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/core/target/image/health-audit.jar /tmp/health-audit.jar
RUN java -Djarmode=tools -jar /tmp/health-audit.jar extract --destination /app \
 && pg_ctlcluster "$(ls /etc/postgresql)" main start \
 && su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'training'\"" \
 && printf 'health-audit:\n  app:\n    services: [{name: training, urls: {local: "http://127.0.0.1:1/"}}]\n' \
      > /tmp/training.yml \
 && SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/postgres SPRING_DATASOURCE_USERNAME=postgres \
    SPRING_DATASOURCE_PASSWORD=training HEALTH_AUDIT_HOME=/tmp/home \
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ArchiveClassesAtExit=/app/health-audit.jsa \
      -jar /app/health-audit.jar run nightly \
      --config /tmp/training.yml --out /tmp/out \
 && chmod -R a+rX /app

# Run: a JRE and the extracted jar, as uid 10001 (the manifests' runAsUser). /work is an emptyDir in the pods; here it
# is the writable working directory for `docker run`.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 health-audit \
 && useradd --system --uid 10001 --gid 10001 --home-dir /work --no-create-home health-audit \
 && mkdir -p /work \
 && chown 10001:10001 /work
COPY --from=train /app /app
ENV HEALTH_AUDIT_HOME=/work/home
WORKDIR /work
# Numeric, so that the kubelet can verify runAsNonRoot without reading /etc/passwd.
USER 10001:10001
EXPOSE 8080
# Out of memory, the process ends with exit 1 and one line ("health-audit: out of memory …") and never hangs.
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=/app/health-audit.jsa", \
            "-jar", "/app/health-audit.jar"]
