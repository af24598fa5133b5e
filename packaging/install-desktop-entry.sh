#!/usr/bin/env bash
# Add BlogIdeas to the application menu of the current user (no root needed).
# Shipped inside the .tar.gz; run it once from the unpacked BlogIdeas folder.
# The window offers the same on its first start (core/common/menu_entry.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
for size in 16 32 48 64 128 256 512; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$here/share/icons/blogideas-$size.png" "$data/icons/hicolor/${size}x${size}/apps/blogideas.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications"
cp "$here/share/icons/blogideas.svg" "$data/icons/hicolor/scalable/apps/blogideas.svg"
# The menu entry must name the executable by its full path; quote it for spaces.
sed "s|^Exec=.*|Exec=\"$here/BlogIdeas\"|" "$here/share/blogideas.desktop" \
  > "$data/applications/blogideas.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
echo "BlogIdeas is now in your application menu."
