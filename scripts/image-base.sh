#!/usr/bin/env bash
# Builds the root file system that Helio's container images start from, without a container
# registry or Docker: glibc, libgcc, libstdc++ and zlib from the system's packages, a Java runtime
# jlinked from the JDK that builds, /tmp, and a non-root user (65532). Jib then puts each service on
# top of it (./helio images). Usage: scripts/image-base.sh <folder>; the root goes to <folder>/rootfs.
set -euo pipefail

out=${1:?usage: image-base.sh <folder>}
rootfs="$out/rootfs"
if [ -x "$rootfs/opt/java/bin/java" ]; then
  exit 0
fi
rm -rf "$out"
mkdir -p "$rootfs" "$out/debs"

packages=(libc6 libgcc-s1 libstdc++6 zlib1g)
if ! (cd "$out/debs" && apt-get download -qq "${packages[@]}" 2>/dev/null); then
  # the package lists may be missing or stale on a fresh machine
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  (cd "$out/debs" && apt-get download -qq "${packages[@]}" 2>/dev/null)
fi
for deb in "$out"/debs/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
done
rm -rf "$rootfs/usr/share/doc" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale" "$rootfs/usr/share/gcc" \
  "$rootfs/usr/share/gdb" "$rootfs/usr/lib/x86_64-linux-gnu/gconv" "$rootfs/sbin" "$rootfs/usr/sbin" "$rootfs/usr/bin"

jlink --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.zipfs,jdk.naming.dns,jdk.localedata \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$rootfs/opt/java"
# a JDK whose trust store is a link to the system's (Debian's) gets it as a file
cacerts="$rootfs/opt/java/lib/security/cacerts"
if [ ! -s "$cacerts" ] && [ -s "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/lib/security/cacerts" ]; then
  cp -L "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/lib/security/cacerts" "$cacerts"
fi

# the image holds files, not links that would point outside it: each link becomes a copy of its target
find "$rootfs" -type l | while read -r link; do
  target=$(readlink "$link")
  case "$target" in
    /*) resolved="$rootfs$target" ;;
    *) resolved="$(dirname "$link")/$target" ;;
  esac
  rm "$link"
  if [ -e "$resolved" ]; then
    cp -rL "$resolved" "$link"
  fi
done

mkdir -p "$rootfs/tmp" "$rootfs/etc" "$rootfs/home/helio"
chmod 1777 "$rootfs/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nhelio:x:65532:65532:helio:/home/helio:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nhelio:x:65532:\n' > "$rootfs/etc/group"
echo "image base in $rootfs: $(du -sh "$rootfs" | cut -f1)"
