#!/bin/sh
# Generates the Java code of ../../protos and compiles it, with the smoke
# program (src/), against Debian's jars: no Maven, no Gradle, no network.
#
#   ./build.sh [OUT]    OUT (default: build) gets gen/ (the generated sources),
#                       classes/ and classpath (the class path to run with)
#
#   java -cp "$(cat build/classpath)" com.loyalty.identity.smoke.Smoke
#
# Debian packages: default-jdk-headless protobuf-compiler
# protobuf-compiler-grpc-java-plugin libgrpc-java libprotobuf-java
# libgoogle-common-protos-java libnetty-java libguava-java libperfmark-java
# libgoogle-gson-java libgeronimo-annotation-1.3-spec-java.
#
# google/rpc/error_details.proto is generated too, from third_party/googleapis:
# Debian's proto-google-common-protos (1.16.0) predates google.rpc.ErrorInfo
# (and BadRequest.FieldViolation.reason). The generated classes come first on
# the class path and shadow the jar's com.google.rpc ones of the same names.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$HERE/../..
OUT=${1:-$HERE/build}
JARS=/usr/share/java
PLUGIN=${GRPC_JAVA_PLUGIN:-/usr/bin/grpc_java_plugin}

# Compile time: protobuf and gRPC's API, the stubs, the common protos, @javax.annotation.Generated.
COMPILE="protobuf grpc-api grpc-stub grpc-protobuf grpc-protobuf-lite grpc-context guava proto-google-common-protos
geronimo-annotation-1.3-spec"
# Run time, added: grpc-core and the Netty transport (netty-all is only a pointer to these), perfmark, gson.
RUNTIME="grpc-core grpc-netty netty-buffer netty-codec netty-codec-http netty-codec-http2 netty-codec-socks netty-common
netty-handler netty-handler-proxy netty-resolver netty-transport perfmark-api gson"

classpath() {
  path=
  for jar in "$@"; do
    if [ ! -f "$JARS/$jar.jar" ]; then
      echo "$JARS/$jar.jar is missing: install the Debian packages named in clients/java/build.sh" >&2
      exit 1
    fi
    path="$path:$JARS/$jar.jar"
  done
  echo "${path#:}"
}

for tool in protoc javac "$PLUGIN"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: install the Debian packages named in clients/java/build.sh" >&2; exit 1; }
done
# shellcheck disable=SC2086 # word splitting of the jar lists is meant
compile_path=$(classpath $COMPILE)
# shellcheck disable=SC2086
runtime_path=$(classpath $RUNTIME)

rm -rf "$OUT/gen" "$OUT/classes"
mkdir -p "$OUT/gen" "$OUT/classes"
# The protos set java_package and java_multiple_files: one class per message in com.loyalty.identity.v1.
protoc -I "$ROOT/protos" -I "$ROOT/third_party/googleapis" \
  --java_out="$OUT/gen" \
  --plugin=protoc-gen-grpc-java="$PLUGIN" --grpc-java_out="$OUT/gen" \
  $(cd "$ROOT/protos" && find loyalty -name '*.proto' | LC_ALL=C sort)
protoc -I "$ROOT/third_party/googleapis" --java_out="$OUT/gen" google/rpc/error_details.proto
find "$OUT/gen" "$HERE/src" -name '*.java' | LC_ALL=C sort >"$OUT/sources"
javac -nowarn -encoding UTF-8 -d "$OUT/classes" -cp "$compile_path" @"$OUT/sources"
echo "$OUT/classes:$compile_path:$runtime_path" >"$OUT/classpath"
echo "compiled $(wc -l <"$OUT/sources") Java files into $OUT/classes"
