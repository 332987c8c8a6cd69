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
  --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options "--enable-native-access=ALL-UNNAMED" \
  --resource-dir jpackage \
  --dest target/installer \
  "${os_options[@]}"

# AOT cache (JDK 25, JEP 483/514): a training run of the desktop, from start to its login screen,
# records the classes it loads and links; later starts map them instead (about half of the cold start;
# docs/PERFORMANCE.md, "Desktop"). A cache is valid only for the runtime and the jars it was made with,
# down to their modification times, so it is made on the files as they ship: in the app image, or in
# the .deb's own tree, repacked with the times kept. The runtime keeps bin/java (see --jlink-options):
# the JVM assembles the cache in a child process. Where it cannot be made the app works the same,
# only slower to start.
train_aot() { # launcher appdir
  local launcher=$1 appdir=$2 home display=()
  if [ "$os" = linux ] && [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || { echo "installer/package.sh: no display, no xvfb-run: no AOT cache" >&2; return 1; }
    display=(xvfb-run -a -s "-screen 0 1280x800x24")
  fi
  home=$(mktemp -d)
  echo "prontivus-training" | PRONTIVUS_HOME="$home" "$launcher" init --clinic Training --admin trainer \
      --admin-name Training >/dev/null
  if PRONTIVUS_HOME="$home" JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$appdir/prontivus.aot" \
      "${display[@]}" "$launcher" gui --exit-when-ready >"$home/training.log" 2>&1 && [ -s "$appdir/prontivus.aot" ]; then
    # Every start of the launcher maps the cache ($APPDIR is resolved by the launcher itself).
    awk '{ print } /^\[JavaOptions\]/ { print "java-options=-XX:AOTCache=$APPDIR/prontivus.aot" }' \
        "$appdir/Prontivus.cfg" > "$appdir/Prontivus.cfg.new" && mv "$appdir/Prontivus.cfg.new" "$appdir/Prontivus.cfg"
    echo "installer/package.sh: AOT cache ($(du -h "$appdir/prontivus.aot" | cut -f1)) made and enabled"
    rm -rf "$home"
  else
    echo "installer/package.sh: the AOT training run failed; no AOT cache. Its log:" >&2
    tail -5 "$home/training.log" >&2 || true
    rm -rf "$home" "$appdir/prontivus.aot"
    return 1
  fi
}

case "$os/$type" in
  linux/app-image) train_aot target/installer/Prontivus/bin/Prontivus target/installer/Prontivus/lib/app || true ;;
  windows/app-image) train_aot target/installer/Prontivus/Prontivus.exe target/installer/Prontivus/app || true ;;
  macos/app-image) train_aot target/installer/Prontivus.app/Contents/MacOS/Prontivus \
      target/installer/Prontivus.app/Contents/app || true ;;
  linux/deb)
    deb=$(ls target/installer/*.deb)
    tree=target/installer/deb-tree
    rm -rf "$tree"
    fakeroot dpkg-deb -R "$deb" "$tree"
    if train_aot "$tree/opt/prontivus/bin/Prontivus" "$tree/opt/prontivus/lib/app"; then
      fakeroot dpkg-deb -b "$tree" "$deb" >/dev/null
    fi
    rm -rf "$tree" ;;
  *) echo "installer/package.sh: no AOT cache for $type packages yet (the app starts slower)" ;;
esac

echo "installer/package.sh: $(ls target/installer)"
