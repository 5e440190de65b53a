# syntax=docker/dockerfile:1
# Campfire: build with the Maven wrapper on a JDK 25, run on a small JRE 25 as a non-root user.
#   docker build -t campfire .
#   docker run -d --name campfire -p 3000:3000 -v "$PWD/data:/app/data" -e LOG_LEVEL=info campfire

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25-jre-alpine
RUN addgroup -S -g 10001 campfire && adduser -S -u 10001 -G campfire -h /app campfire \
 && mkdir -p /app/data && chown campfire:campfire /app/data
WORKDIR /app
COPY --from=build /src/target/campfire.jar /app/campfire.jar
# The launcher finds the jar one level up (/app/campfire.jar) and the JRE at $JAVA_HOME
# (/opt/java/openjdk); it is POSIX sh because this image has busybox sh and no bash.
COPY --chmod=755 bin/campfire /app/bin/campfire
COPY deploy/aot-train.sh /app/deploy/aot-train.sh
# The AOT cache (JDK 25) is made here, through the same launcher, java and jar path the container
# starts with: about half the start-up time. A stale or missing cache only prints a warning.
RUN AOT_TRAIN_PORT=39123 sh /app/deploy/aot-train.sh /app/campfire.jar /app/campfire.aot && rm -r /app/deploy
USER campfire
ENV DATABASE_URL=sqlite:/app/data/campfire.db \
    BIND_ADDRESS=0.0.0.0:3000 \
    LOG_LEVEL=info
# Replacing JAVA_OPTS (docker run -e) drops these two flags: repeat them to keep them.
ENV JAVA_OPTS="-XX:AOTCache=/app/campfire.aot -XX:MaxRAMPercentage=75"
VOLUME ["/app/data"]
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:3000/health || exit 1
# Exec form, and the launcher execs java: docker stop's SIGTERM reaches the JVM itself.
ENTRYPOINT ["/app/bin/campfire"]
CMD ["serve"]
