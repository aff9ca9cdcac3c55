#!/usr/bin/env bash
# Check for every host tool Pagoda uses and install the missing ones.
#
#   tools/setup-host.sh          install what is missing (Debian/Ubuntu: apt-get)
#   tools/setup-host.sh --check  only report; never install
#
# `make run` and `make check` call this first, so it must be silent and fast
# when everything is there: the check uses only shell builtins (command -v,
# test -e, glob expansion), never dpkg.
set -u

usage() {
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
}

# One row per Debian package: package, the release it applies to ("*" for
# all, else ID:VERSION_ID from /etc/os-release), then the checks that must all
# hold for the package to count as installed. A check is a command name or an
# absolute path (a file or directory; a glob is fine); "a|b" accepts either.
TABLE='
qemu-system-x86          *          qemu-system-i386
qemu-utils               *          qemu-img
grub-common              *          grub-mkrescue grub-file
grub-pc-bin              *          /usr/lib/grub/i386-pc
xorriso                  *          xorriso
mtools                   *          mformat
gcc-i686-linux-gnu       *          i686-linux-gnu-gcc|i686-elf-gcc
binutils-i686-linux-gnu  *          i686-linux-gnu-ld|i686-elf-ld i686-linux-gnu-objcopy|i686-elf-objcopy i686-linux-gnu-nm|i686-elf-nm
libc6-dev-i386-cross     *          /usr/i686-linux-gnu/lib/libc.a
gdb                      *          gdb
python3                  *          python3
util-linux               *          mkswap|/sbin/mkswap|/usr/sbin/mkswap
gcc                      *          cc gcc
clang                    *          clang
libclang-rt-14-dev       debian:12  /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a
valgrind                 *          valgrind
gnuplot-nox              *          gnuplot
make                     *          make
cpio                     *          cpio
'

# "ID:VERSION_ID" of this host, e.g. debian:12, read with builtins only.
host_release() {
    local id="" version="" key value
    if [[ -r /etc/os-release ]]; then
        while IFS='=' read -r key value; do
            value=${value//\"/}
            case $key in
                ID) id=$value ;;
                VERSION_ID) version=$value ;;
            esac
        done </etc/os-release
    fi
    echo "$id:$version"
}

# True if one alternative of a check ("a|b|/some/path*") is present.
check_present() {
    local alternative
    local IFS='|'
    for alternative in $1; do
        if [[ $alternative == /* ]]; then
            compgen -G "$alternative" >/dev/null && return 0
        else
            command -v "$alternative" >/dev/null 2>&1 && return 0
        fi
    done
    return 1
}

# Print "package<TAB>failed check" for every package that applies here and
# has a failing check.
missing_packages() {
    local release package applies checks check
    release=$(host_release)
    while read -r package applies checks; do
        [[ -z $package ]] && continue
        [[ $applies != "*" && $applies != "$release" ]] && continue
        for check in $checks; do
            if ! check_present "$check"; then
                printf '%s\t%s\n' "$package" "$check"
                break
            fi
        done
    done <<<"$TABLE"
}

# Set SUDO to the prefix that gives us root, or fail with the command to type.
become_root() {
    local command=$1
    if [[ $EUID -eq 0 ]]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        echo "setup-host: need root to install packages; run:" >&2
        echo "    sudo sh -c '$command'" >&2
        exit 1
    fi
}

apt_run() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

install_packages() {
    local packages=("$@")
    local install_cmd="apt-get install -y --no-install-recommends ${packages[*]}"
    become_root "apt-get update && DEBIAN_FRONTEND=noninteractive $install_cmd"
    echo "setup-host: installing ${packages[*]}" >&2
    # Fresh images often ship without package lists: fetch them first.
    if ! compgen -G '/var/lib/apt/lists/*Packages*' >/dev/null; then
        apt_run update || return 1
    fi
    if ! apt_run install -y --no-install-recommends "${packages[@]}"; then
        # Stale lists are the usual cause (404 on an old version): refresh once.
        echo "setup-host: install failed; running apt-get update and retrying" >&2
        apt_run update || return 1
        apt_run install -y --no-install-recommends "${packages[@]}" || return 1
    fi
}

report_missing() {
    local package check
    while IFS=$'\t' read -r package check; do
        echo "setup-host: missing $check (Debian package $package)" >&2
    done <<<"$1"
}

main() {
    local check_only=0
    case ${1:-} in
        --check) check_only=1 ;;
        -h | --help) usage; exit 0 ;;
        "") ;;
        *) usage >&2; exit 2 ;;
    esac

    local missing
    missing=$(missing_packages)
    if [[ -z $missing ]]; then
        [[ $check_only -eq 1 ]] && echo "setup-host: all host tools present"
        exit 0
    fi

    local -a packages=()
    local package check
    while IFS=$'\t' read -r package check; do
        packages+=("$package")
    done <<<"$missing"
    report_missing "$missing"
    if [[ $check_only -eq 1 ]]; then
        echo "setup-host: to install: apt-get install --no-install-recommends ${packages[*]}" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "setup-host: no apt-get on this host; install the equivalents of these Debian packages:" >&2
        echo "    ${packages[*]}" >&2
        exit 1
    fi
    if ! install_packages "${packages[@]}"; then
        echo "setup-host: apt-get failed; packages wanted: ${packages[*]}" >&2
        exit 1
    fi

    missing=$(missing_packages)
    if [[ -n $missing ]]; then
        echo "setup-host: still missing after installing:" >&2
        report_missing "$missing"
        exit 1
    fi
    echo "setup-host: host tools installed" >&2
}

main "$@"
