#!/bin/sh
# What bench/run.py compares arende with, beside what tools/install-system-packages.sh --test
# installs (LibreOffice): pandoc, from Debian. Run as root or with sudo.
set -eu
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive run apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends pandoc >/dev/null
echo "installerat: pandoc"
