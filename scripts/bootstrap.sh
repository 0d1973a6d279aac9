# shellcheck shell=bash
# Sourced by scripts/start and scripts/test; defines `bootstrap <app|test>`.
#
# Makes sure everything Repair Counter needs is present, installing what is missing:
#   * Debian packages Qt needs at run time (apt-get, via sudo when not root),
#     plus poppler-utils, zbar-tools and the PostgreSQL server for mode `test`;
#   * a Python >= 3.11 that can create a venv (Debian python3 + python3-venv if none);
#   * .venv in the repo root with `pip install -e '.[test]'`, redone whenever
#     pyproject.toml changes (stamp: .venv/.installed-hash).
# When everything is already there it only runs a few cheap checks (well under 1 s).

_RC_QT_PACKAGES=(
    libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-randr0
    iso-codes
)
_RC_TEST_PACKAGES=(poppler-utils zbar-tools)
_RC_APT_UPDATED=0

_rc_log() {
    printf 'repair-counter: %s\n' "$*" >&2
}

_rc_error() {
    printf 'repair-counter: error: %s\n' "$*" >&2
}

# Prints, one per line, those of the given Debian packages that are not installed.
_rc_missing_packages() {
    local installed
    installed="$(dpkg-query -W -f='${Package}\t${Status}\n' "$@" 2>/dev/null \
        | awk -F'\t' '$2 == "install ok installed" { print $1 }')" || true
    local pkg
    for pkg in "$@"; do
        if ! grep -qxF -- "$pkg" <<<"$installed"; then
            printf '%s\n' "$pkg"
        fi
    done
}

# apt-get install the given packages (runs `apt-get update` at most once per process).
_rc_apt_install() {
    local -a sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            _rc_error "these Debian packages are missing and there is no sudo to install" \
                "them (you are not root): $*. Install them, then rerun."
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        _rc_error "these Debian packages are missing and apt-get is not available: $*"
        return 1
    fi
    _rc_log "installing system packages: $*"
    if [[ "$_RC_APT_UPDATED" -eq 0 ]]; then
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
            || { _rc_error "apt-get update failed"; return 1; }
        _RC_APT_UPDATED=1
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "$@" >&2 \
        || { _rc_error "apt-get install failed for: $*"; return 1; }
}

# True if $1 is a Python >= 3.11 whose venv module can bootstrap pip.
# (On Debian, ensurepip only exists once python3-venv / python3.X-venv is installed.)
_rc_python_ok() {
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
        >/dev/null 2>&1
}

# Prints the path of the first usable Python, preferring `python3` on PATH.
_rc_find_python() {
    local candidate path
    for candidate in python3 python3.13 python3.12 python3.11 /usr/bin/python3; do
        path="$(command -v "$candidate" 2>/dev/null)" || continue
        if _rc_python_ok "$path"; then
            printf '%s\n' "$path"
            return 0
        fi
    done
    return 1
}

_rc_have_initdb() {
    command -v initdb >/dev/null 2>&1 && return 0
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

_rc_venv_ok() {
    [[ -x "$1/.venv/bin/python" ]] && "$1/.venv/bin/python" -c '' >/dev/null 2>&1
}

bootstrap() {
    local mode="${1:-}"
    case "$mode" in
        app | test) ;;
        *)
            _rc_error "usage: bootstrap app|test (got '${mode}')"
            return 1
            ;;
    esac

    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

    # --- system packages ------------------------------------------------------------
    local -a wanted=("${_RC_QT_PACKAGES[@]}")
    if [[ "$mode" == test ]]; then
        wanted+=("${_RC_TEST_PACKAGES[@]}")
        _rc_have_initdb || wanted+=(postgresql)
    fi

    local python="" venv_ok=0
    if _rc_venv_ok "$root"; then
        venv_ok=1
    else
        python="$(_rc_find_python)" || wanted+=(python3 python3-venv)
    fi

    if command -v dpkg-query >/dev/null 2>&1; then
        local -a missing=()
        mapfile -t missing < <(_rc_missing_packages "${wanted[@]}")
        if [[ "${#missing[@]}" -gt 0 ]]; then
            _rc_apt_install "${missing[@]}" || return 1
        fi
    elif [[ "$mode" == test ]] && ! _rc_have_initdb; then
        _rc_log "warning: not a Debian system and no PostgreSQL initdb found;" \
            "PostgreSQL tests will be skipped (or fail under CI)"
    fi

    # --- virtualenv ---------------------------------------------------------------------
    if [[ "$venv_ok" -eq 0 ]]; then
        if [[ -z "$python" ]]; then
            python="$(_rc_find_python)" \
                || { _rc_error "no Python >= 3.11 with a working venv module found" \
                    "(install python3 >= 3.11 and python3-venv)"; return 1; }
        fi
        _rc_log "creating .venv with $python ($("$python" -c 'import platform; print(platform.python_version())'))"
        rm -rf "$root/.venv"
        "$python" -m venv "$root/.venv" >&2 \
            || { rm -rf "$root/.venv"; _rc_error "could not create $root/.venv"; return 1; }
    fi

    # --- Python packages ----------------------------------------------------------------
    local stamp="$root/.venv/.installed-hash" want_hash have_hash=""
    want_hash="$(sha256sum <"$root/pyproject.toml")"
    want_hash="${want_hash%% *}"
    [[ -f "$stamp" ]] && have_hash="$(<"$stamp")"
    if [[ "$have_hash" != "$want_hash" ]]; then
        _rc_log "installing Python packages… (the first time this downloads a few hundred MB)"
        rm -f "$stamp"
        (
            cd "$root"
            PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
                .venv/bin/python -m pip install --quiet -e '.[test]' >&2
        ) || { _rc_error "pip install -e '.[test]' failed (see above)"; return 1; }
        printf '%s\n' "$want_hash" >"$stamp"
        _rc_log "Python packages installed"
    fi
}
