#!/usr/bin/env bash
# Builds a native package with jpackage: ./installer/package.sh [app-image|deb|rpm|dmg|pkg|msi|exe]
# The default is the installer type of the current OS. Needs a JDK 25 (JAVA_HOME) and, for .deb,
# fakeroot and dpkg-deb. Output: target/installer/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25*; do [ -x "$candidate/bin/jpackage" ] && JAVA_HOME="$candidate"; done
fi
[ -x "${JAVA_HOME:-}/bin/jpackage" ] || { echo "installer/package.sh: set JAVA_HOME to a JDK 25 with jpackage" >&2; exit 1; }
export JAVA_HOME

case "$(uname -s)" in
  Linux) os=linux; default_type=deb ;;
  Darwin) os=macos; default_type=dmg ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; default_type=msi ;;
  *) echo "installer/package.sh: unknown OS $(uname -s)" >&2; exit 1 ;;
esac
type="${1:-$default_type}"

./mvnw -B -ntp -q -DskipTests package

version=$(sed -n 's/^Implementation-Version: //p' <(unzip -p target/prontivus.jar META-INF/MANIFEST.MF) | tr -d '\r')
app_version="${version%-SNAPSHOT}"

input=target/jpackage-input
modules=target/jpackage-modules
rm -rf "$input" "$modules" target/installer
mkdir -p "$input/lib" "$modules"
cp target/prontivus.jar "$input/"
for jar in target/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*-"$os"*.jar|javafx-*-mac*.jar|javafx-*-win*.jar) cp "$jar" "$modules/" ;;  # platform JavaFX: module path
    javafx-*.jar) ;;                                                                  # empty platform-less stubs
    *) cp "$jar" "$input/lib/" ;;
  esac
done

# Settings per OS live in installer/<os>/jpackage.options (one option per line).
mapfile -t os_options < <(grep -v '^\s*#' "installer/$os/jpackage.options" | sed '/^\s*$/d')
if [ "$type" = app-image ]; then
  # An app image is not a package: only the icon applies, package options would be refused.
  icon=()
  for i in "${!os_options[@]}"; do
    [ "${os_options[$i]}" = "--icon" ] && icon=(--icon "${os_options[$((i + 1))]}")
  done
  os_options=("${icon[@]}")
fi

"$JAVA_HOME/bin/jpackage" \
  --type "$type" \
  --name Prontivus \
  --app-version "$app_version" \
  --vendor "Prontivus" \
  --description "Offline-first front desk for clinics" \
  --input "$input" \
  --main-jar prontivus.jar \
  --main-class br.com.prontivus.Main \
  --module-path "$modules" \
  --add-modules javafx.controls,javafx.graphics,javafx.base,java.sql,java.naming,java.management,java.desktop,java.logging,java.xml,java.net.http,jdk.crypto.ec,jdk.unsupported,jdk.management,jdk.zipfs \
  --java-options "--enable-native-access=ALL-UNNAMED" \
  --resource-dir jpackage \
  --dest target/installer \
  "${os_options[@]}"

echo "installer/package.sh: $(ls target/installer)"
