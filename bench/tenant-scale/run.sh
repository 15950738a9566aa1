#!/bin/sh
# Tenant-scale benchmark, not part of ./mvnw verify (see bench/README.md, "Tenant scale").
# Usage: bench/tenant-scale/run.sh [--counts=5,100,500] [--two-servers-at=500] [--requests=300]
# Writes bench/tenant-scale/results/latest.md.
set -e
cd "$(dirname "$0")/../.."
repo=$(pwd)
out="$repo/bench/tenant-scale/target"
mkdir -p "$out/classes"
./mvnw -B -q -o -pl web -am compile dependency:build-classpath \
	-Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=runtime
cp="web/target/classes:platform-core/target/classes:tenant-config/target/classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$cp" $(find bench/tenant-scale/src -name '*.java')
# Keycloak holds every realm in its caches: 512 MB (the tests' heap) is too little for 500
exec java -Xmx2g -Djdk.httpclient.allowRestrictedHeaders=host -Despace.keycloak.java-opts=-Xmx2g \
	-cp "$out/classes:$cp" fr.espacecommun.bench.TenantScaleBench --repo="$repo" "$@"
