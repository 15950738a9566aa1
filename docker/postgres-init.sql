-- Keycloak keeps its own database beside the platform's.
CREATE DATABASE keycloak;
