#!/bin/sh
# Installs the Debian packages arende needs beside its Python packages.
#   sh tools/install-system-packages.sh          what rendering needs (Pango, HarfBuzz subsetting)
#   sh tools/install-system-packages.sh --test   and what the tests read papers back with
#                                                (pdftotext; LibreOffice to open the DOCX as Word would;
#                                                Apache PDFBox Preflight to validate PDF/A-1b; exiftool;
#                                                faketime to build under other clocks)
set -eu
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
if [ "${1:-}" = "--test" ]; then
  # LibreOffice is installed without recommends, so name the fonts it lays the DOCX out with.
  packages="$packages poppler-utils libreoffice-writer-nogui fonts-liberation2 chromium chromium-driver"
  # Preflight (in libpdfbox2-java) needs javax.activation and JAXB, which Java 17 no longer
  # ships and the Debian package does not depend on.
  packages="$packages default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java"
  packages="$packages libimage-exiftool-perl faketime"
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive run apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $packages >/dev/null
echo "installerat: $packages"
