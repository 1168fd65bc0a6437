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
COPY demo/pom.xml demo/
COPY demo/src/main demo/src/main
COPY cli/pom.xml cli/
COPY reports/templates reports/templates
RUN --mount=type=cache,target=/root/.m2 mvn -B -Dmaven.test.skip=true -pl core -am package

# Run: a JRE and the jar, as uid 10001 (the manifests' runAsUser). /work is an emptyDir in the pods; here it is the
# writable working directory for `docker run`.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 health-audit \
 && useradd --system --uid 10001 --gid 10001 --home-dir /work --no-create-home health-audit \
 && mkdir -p /work \
 && chown 10001:10001 /work
COPY --from=build /build/core/target/image/health-audit.jar /app/health-audit.jar
ENV HEALTH_AUDIT_HOME=/work/home
WORKDIR /work
# Numeric, so that the kubelet can verify runAsNonRoot without reading /etc/passwd.
USER 10001:10001
EXPOSE 8080
# Out of memory, the process ends with exit 1 and one line ("health-audit: out of memory …") and never hangs.
ENTRYPOINT ["java", "-jar", "/app/health-audit.jar"]
