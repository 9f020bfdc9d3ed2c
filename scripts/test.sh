#!/usr/bin/env bash
# The project's test command: installs what the tests need that Maven cannot fetch, then runs
# every unit and integration test (mvn verify). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need=()
# kcat: a Kafka client this project did not write, used by one integration test.
command -v kcat >/dev/null 2>&1 || need+=(kcat)
# Chromium and its WebDriver: the browser test of the web view drives a real headless Chromium.
[[ -x /usr/bin/chromium ]] || need+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
# libturbojpeg: the fast JPEG decoder's native library; its tests assert that it is the decoder in use.
has_turbojpeg() { PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q 'libturbojpeg\.so\.0 '; }
has_turbojpeg || need+=(libturbojpeg0)

if ((${#need[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    echo "scripts/test.sh: installing ${need[*]} (Debian packages)" >&2
    $SUDO apt-get update -qq || true
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  fi
fi
command -v kcat >/dev/null || { echo "scripts/test.sh: kcat is required by the tests and could not be installed" >&2; exit 1; }
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || { echo "scripts/test.sh: chromium and chromium-driver are required by the tests and could not be installed" >&2; exit 1; }
has_turbojpeg || { echo "scripts/test.sh: libturbojpeg.so.0 (Debian package libturbojpeg0) is required by the tests and could not be installed" >&2; exit 1; }

java -version
mvn -v
exec mvn -B verify "$@"
