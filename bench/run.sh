#!/usr/bin/env bash
# Builds bench/ (Maven profile "bench") and runs one of its parts; see bench/README.md.
#   bench/run.sh check            compile only (what CI-like checks need)
#   bench/run.sh load [--opt=v]   load test + registration benchmarks (issues 6 and 7)
#   bench/run.sh jmh [jmh args]   JMH hot-path benchmarks (issue 7 item 3)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-check}
shift || true
./mvnw -B -q -Pbench -pl bench -am -DskipTests test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
case "$what" in
	check) echo "bench compiled" ;;
	load) exec java ${BENCH_JAVA_OPTS:-} -Djdk.httpclient.allowRestrictedHeaders=host -cp "$cp" fr.espacecommun.bench.LoadBench "$@" ;;
	jmh) exec java -cp "$cp" org.openjdk.jmh.Main "$@" ;;
	*) echo "usage: bench/run.sh check|load|jmh" >&2; exit 2 ;;
esac
