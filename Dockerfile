# Production image of the platform (used by docker-compose.yml). Build the jar first:
#   ./mvnw -B -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY web/target/espace-commun.jar /app/espace-commun.jar
COPY tenants /app/tenants
ENV ESPACE_TENANTS_DIR=/app/tenants
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/espace-commun.jar"]
