#!/usr/bin/env bash
# Proves the image tarballs that ./helio images built hold the applications as they should run:
# each image's configuration (non-root user, the Java entrypoint, memory flags) and its files (the
# Java runtime, the application's main class, its classes and libraries); and, where this runs as
# root, the edge bridge's image really starts, unpacked and run in a chroot with /proc as a container
# would have it, as its non-root user, until its site broker listens.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

check() {
  local name=$1 main=$2
  local tarball="$name/target/image/$name.tar"
  local root="target/image-check/$name"
  [ -s "$tarball" ] || { echo "no image tarball $tarball" >&2; exit 1; }
  rm -rf "$root" && mkdir -p "$root/rootfs"
  tar xf "$tarball" -C "$root"
  local config
  config=$(cat "$root/config.json")
  for expected in '"User":"65532:65532"' '"Entrypoint":["/opt/java/bin/java","-cp","@/app/jib-classpath-file","@/app/jib-main-class-file"]' \
    'JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage='; do
    [[ "$config" == *"$expected"* ]] || { echo "$name: the image's configuration lacks $expected" >&2; exit 1; }
  done
  for layer in $(sed 's/.*"Layers":\[\([^]]*\)\].*/\1/; s/[",]/ /g' "$root/manifest.json"); do
    tar xzf "$root/$layer" -C "$root/rootfs" --warning=no-unknown-keyword
  done
  [ "$(cat "$root/rootfs/app/jib-main-class-file")" = "$main" ] || { echo "$name: main class is not $main" >&2; exit 1; }
  [ -f "$root/rootfs/app/classes/$(echo "$main" | tr . /).class" ] || { echo "$name: $main is not in the image" >&2; exit 1; }
  [ -x "$root/rootfs/opt/java/bin/java" ] || { echo "$name: no Java runtime in the image" >&2; exit 1; }
  compgen -G "$root/rootfs/app/libs/spring-boot-4*.jar" >/dev/null || { echo "$name: the libraries are not in the image" >&2; exit 1; }
  echo "$name: $(du -h "$tarball" | cut -f1) image, user 65532, main class $main, $(ls "$root/rootfs/app/libs" | wc -l) libraries"
}

check platform io.helio.platform.PlatformApplication
check tenant-admin io.helio.admin.TenantAdminApplication
check edge-bridge io.helio.edge.EdgeBridgeApplication

if [ "$(id -u)" -ne 0 ] || ! command -v chroot >/dev/null 2>&1; then
  echo "not root: the images' contents are checked, not run"
  exit 0
fi
root=target/image-check/edge-bridge/rootfs
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$root/proc" "$root/etc" "$root/home/helio"
chown 65532:65532 "$root/home/helio"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; umount "$root/proc" 2>/dev/null || true' EXIT
(cd "$root" && exec env -i HOME=/home/helio JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70" HELIO_EDGE_MQTT_PORT=$port \
  HELIO_EDGE_BUFFER_FILE=/home/helio/buffer.db HELIO_EDGE_CLOUD_HOST=127.0.0.1 HELIO_EDGE_CLOUD_PORT=1 \
  "$(command -v chroot)" --userspec=65532:65532 . /opt/java/bin/java -cp @/app/jib-classpath-file @/app/jib-main-class-file \
  --helio.edge.gateway.product-key=check --helio.edge.gateway.device-key=check --helio.edge.gateway.device-secret=check \
  > ../run.log 2>&1) &
pid=$!
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "edge-bridge: its image starts and its site broker listens (as user 65532)"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
echo "edge-bridge: its image did not start; see target/image-check/edge-bridge/run.log" >&2
exit 1
