# syntax=docker/dockerfile:1
# The image is made from the jar the build already produced:
#   ./mvnw -B package && docker build -t txgate .
# Not built on the machine this was written on (no Docker engine there); the layer extraction and the
# health check command were run by hand against the same jar.

# Split the jar into layers that change at different rates (libraries rarely, our classes often), so a
# rebuild after a code change ships only the small application layer.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /layers
COPY target/txgate.jar txgate.jar
RUN java -Djarmode=tools -jar txgate.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
# A fixed, unprivileged user; data/ (the SQLite file, relative to the working directory) is its only
# writable place. Mount a volume there to keep the data across containers.
RUN groupadd --system --gid 10001 txgate \
    && useradd --system --uid 10001 --gid txgate --home-dir /app --shell /usr/sbin/nologin txgate \
    && mkdir -p /app/data \
    && chown txgate:txgate /app/data
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER txgate
VOLUME /app/data
ENV SPRING_PROFILES_ACTIVE=server
# txgate listens on loopback by default, and loopback here is the container's own: listen on the container's
# addresses and let `docker run -p` decide what the host exposes. Plain TCP ingest beyond loopback still needs the
# operator's explicit TXGATE_SERVER_ALLOW_PLAINTEXT=true (or TLS), else the container stops at start saying so.
ENV TXGATE_SERVER_BIND_ADDRESS=0.0.0.0 SERVER_ADDRESS=0.0.0.0 MANAGEMENT_SERVER_ADDRESS=0.0.0.0
# 9400: batches over TCP; 8080: read API; 8082: health and metrics (management.server.port).
EXPOSE 9400 8080 8082
# The readiness probe answers 200 only while the TCP port is bound, the store can be written and the
# server is not draining. It is on the management port, with its own threads, and needs no token. The
# base image has bash but neither curl nor wget in every release, so the probe speaks HTTP through
# bash's /dev/tcp: no extra package, no second JVM.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8082} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM starts the graceful drain (txgate.server.shutdown-grace, 10 s by default): give the
# container more than that before SIGKILL, e.g. docker stop -t 30 or stop_grace_period: 30s.
STOPSIGNAL SIGTERM
# ExitOnOutOfMemoryError: a JVM that ran out of heap may have lost threads it needs (the accept loop, the store
# writer); exiting lets the container restart policy start a clean one instead of leaving a half-working server.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "txgate.jar"]
