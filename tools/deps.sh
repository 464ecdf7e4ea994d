#!/usr/bin/env bash
# Installs the Debian packages a task needs, only those missing; a no-op when all are there.
# usage: tools/deps.sh build|test|all
set -euo pipefail
build_pkgs=(cmake ninja-build g++ pkg-config libicu-dev libboost-json1.81-dev libthai-dev libcli11-dev
            libxlsxwriter-dev libminizip-dev libexpat1-dev)
test_pkgs=(catch2 pybind11-dev python3-pybind11 python3-dev python3-pytest python3-numpy
           python3-pandas python3-venv python3-pip python3-setuptools python3-hypothesis
           python3-matplotlib python3-jsonschema clang libclang-rt-14-dev chromium fonts-thai-tlwg
           mypy python3-icu python3-openpyxl python3-psutil jupyter-nbconvert python3-ipykernel
           python3-dask python3-distributed clang-format-14)
case "${1:-build}" in
  build) want=("${build_pkgs[@]}") ;;
  test|all) want=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing Debian packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
