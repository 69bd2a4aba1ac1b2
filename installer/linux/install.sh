#!/bin/sh
# Install 窗口监管台 HallMonitor from this unpacked folder.
#
#   ./install.sh                  for the current user, no root needed (~/.local)
#   sudo ./install.sh --system    for every user of the PC (/opt/hallmonitor)
#   ./install.sh --desktop-icon   also put a shortcut on the desktop
#   ./install.sh --uninstall      remove the program (add --system if it was installed so)
#
# Installing again replaces the program. The database, logs and settings live in
# the user's folders (~/.local/share/HallMonitor, ~/.local/state/HallMonitor/log,
# ~/.config/HallMonitor) and are never touched by installing or uninstalling.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
MODE=user
ACTION=install
DESKTOP_ICON=no

for arg in "$@"; do
    case "$arg" in
        --system) MODE=system ;;
        --uninstall) ACTION=uninstall ;;
        --desktop-icon) DESKTOP_ICON=yes ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$MODE" = system ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install.sh: --system needs root (sudo); without it the program is installed for you alone" >&2
        exit 1
    fi
    PREFIX=/opt/hallmonitor
    SHARE=/usr/share
    BIN=/usr/local/bin
else
    PREFIX="$HOME/.local/opt/hallmonitor"
    SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
    BIN="$HOME/.local/bin"
fi
APPS="$SHARE/applications"
METAINFO="$SHARE/metainfo"
ICONS="$SHARE/icons/hicolor"

desktop_folder() {
    folder=""
    if command -v xdg-user-dir >/dev/null 2>&1; then
        folder=$(xdg-user-dir DESKTOP 2>/dev/null || true)
    fi
    if [ -z "$folder" ] || [ "$folder" = "$HOME" ] || [ ! -d "$folder" ]; then
        folder=""
        for candidate in "$HOME/桌面" "$HOME/Desktop"; do
            [ -d "$candidate" ] && folder="$candidate" && break
        done
    fi
    echo "$folder"
}

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" 2>/dev/null || true
    # Only the system theme keeps an icon cache; a cache made in ~/.local would go stale.
    if [ "$MODE" = system ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$PREFIX"
    rm -f "$APPS/hallmonitor.desktop" "$METAINFO/io.github.hallmonitor.metainfo.xml"
    rm -f "$ICONS/scalable/apps/hallmonitor.svg" "$ICONS/256x256/apps/hallmonitor.png"
    if [ -L "$BIN/hallmonitor" ]; then rm -f "$BIN/hallmonitor"; fi
    if [ "$MODE" = user ]; then
        folder=$(desktop_folder)
        if [ -n "$folder" ]; then rm -f "$folder/hallmonitor.desktop"; fi
    fi
    refresh_menus
    echo "已卸载窗口监管台。数据库、日志和设置保留在用户目录中（~/.local/share/HallMonitor 等）。"
    exit 0
fi

if [ ! -x "$HERE/HallMonitor/HallMonitor" ]; then
    echo "install.sh: $HERE/HallMonitor/HallMonitor not found; run install.sh from the unpacked folder" >&2
    exit 1
fi

# Replace the program as a whole: files of an older version must not linger in _internal.
mkdir -p "$(dirname "$PREFIX")"
rm -rf "$PREFIX.new"
cp -a "$HERE/HallMonitor" "$PREFIX.new"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"

mkdir -p "$APPS" "$METAINFO" "$BIN"
icon=hallmonitor
if [ -f "$HERE/hallmonitor.svg" ]; then
    mkdir -p "$ICONS/scalable/apps"
    cp "$HERE/hallmonitor.svg" "$ICONS/scalable/apps/hallmonitor.svg"
fi
if [ -f "$HERE/hallmonitor.png" ]; then
    mkdir -p "$ICONS/256x256/apps"
    cp "$HERE/hallmonitor.png" "$ICONS/256x256/apps/hallmonitor.png"
fi
# Some desktops look icons up only in the system theme: name the file outright for a user install.
if [ "$MODE" = user ] && [ -f "$ICONS/scalable/apps/hallmonitor.svg" ]; then
    icon="$ICONS/scalable/apps/hallmonitor.svg"
fi

sed -e "s|^Exec=.*|Exec=\"$PREFIX/HallMonitor\"|" -e "s|^Icon=.*|Icon=$icon|" \
    "$HERE/hallmonitor.desktop" > "$APPS/hallmonitor.desktop"
chmod 644 "$APPS/hallmonitor.desktop"
cp "$HERE/io.github.hallmonitor.metainfo.xml" "$METAINFO/"
ln -sf "$PREFIX/hallmonitor-cli" "$BIN/hallmonitor"

if [ "$DESKTOP_ICON" = yes ] && [ "$MODE" = system ]; then
    echo "install.sh: --desktop-icon is for a user install; each user can copy $APPS/hallmonitor.desktop to the desktop" >&2
elif [ "$DESKTOP_ICON" = yes ]; then
    folder=$(desktop_folder)
    if [ -n "$folder" ]; then
        cp "$APPS/hallmonitor.desktop" "$folder/hallmonitor.desktop"
        chmod 755 "$folder/hallmonitor.desktop"
        # GNOME-based desktops ask before launching an untrusted desktop file.
        command -v gio >/dev/null 2>&1 && gio set "$folder/hallmonitor.desktop" metadata::trusted true 2>/dev/null || true
    else
        echo "install.sh: no desktop folder found; the shortcut is in the applications menu" >&2
    fi
fi
refresh_menus

echo "已安装窗口监管台到 $PREFIX"
echo "  从应用菜单打开“窗口监管台”，或运行 $PREFIX/HallMonitor"
echo "  命令行：$BIN/hallmonitor（如 hallmonitor check --date 2026-05-11）"
case ":$PATH:" in
    *":$BIN:"*) ;;
    *) echo "  注意：$BIN 不在 PATH 中，命令行请用完整路径。" ;;
esac
