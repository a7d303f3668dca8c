#!/bin/sh
# Installs the Debian packages arende needs beside its Python packages.
#   sh tools/install-system-packages.sh          what rendering needs (Pango, HarfBuzz subsetting)
#   sh tools/install-system-packages.sh --test   and what the tests read papers back with
#                                                (pdftotext; LibreOffice to open the DOCX as Word would)
set -eu
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
if [ "${1:-}" = "--test" ]; then
  # LibreOffice is installed without recommends, so name the fonts it lays the DOCX out with.
  packages="$packages poppler-utils libreoffice-writer-nogui fonts-liberation2 chromium chromium-driver"
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive run apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $packages >/dev/null
echo "installerat: $packages"
