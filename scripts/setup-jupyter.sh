#!/usr/bin/env bash
# Makes Jupyter (nbconvert + nbclient + a kernel client) available and registers the tslab
# TypeScript kernel in a project-local folder (.jupyter/, ignored by git). Idempotent: a second
# run only checks. Never touches the user's global kernels.
#   --server   also install the notebook server, for `npm run jupyter`
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
want_server=0
[ "${1:-}" = "--server" ] && want_server=1

modules="nbclient, nbconvert, jupyter_client, ipykernel"
debs="jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel"
[ "$want_server" = 1 ] && { modules="$modules, notebook"; debs="$debs jupyter-notebook"; }

# Which python has the Jupyter modules? Debian's packages install for /usr/bin/python3, which a
# pyenv/conda python3 earlier on PATH does not see, so try that one first.
find_python() {
  for py in /usr/bin/python3 "$(command -v python3 || true)" "$root/.jupyter/venv/bin/python"; do
    [ -n "$py" ] && [ -x "$py" ] && "$py" -c "import $modules" 2>/dev/null && { echo "$py"; return 0; }
  done
  return 1
}

if ! python=$(find_python); then
  if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup-jupyter: installing Debian packages: $debs"
    export DEBIAN_FRONTEND=noninteractive
    # apt-get update only when the package lists cannot offer the packages yet.
    if ! apt-cache show jupyter-nbconvert >/dev/null 2>&1; then apt-get update -qq; fi
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $debs >/dev/null || {
      apt-get update -qq && apt-get install -y -qq --no-install-recommends $debs >/dev/null
    }
    python=$(find_python) || { echo "setup-jupyter: installed $debs but python cannot import $modules" >&2; exit 1; }
  elif mkdir -p "$root/.jupyter" && command -v python3 >/dev/null \
    && python3 -m venv "$root/.jupyter/venv" >/dev/null 2>&1 \
    && "$root/.jupyter/venv/bin/pip" install -q --retries 1 --timeout 20 \
      nbconvert nbclient jupyter_client ipykernel $([ "$want_server" = 1 ] && echo notebook) \
      2>"$root/.jupyter/pip.log"; then
    # Not Debian as root: a virtual environment inside the project, from PyPI.
    echo "setup-jupyter: installed Jupyter into .jupyter/venv with pip"
    python=$(find_python) || { echo "setup-jupyter: .jupyter/venv cannot import $modules" >&2; exit 1; }
  else
    rm -rf "$root/.jupyter/venv"
    cat >&2 <<MSG
setup-jupyter: Jupyter is missing: no python3 can import $modules, apt-get is not usable
here (Debian/Ubuntu as root), and pip could not install it into .jupyter/venv (its messages
are in .jupyter/pip.log).
Install it, then run this again:
  Debian/Ubuntu:  sudo apt-get install $debs
  elsewhere:      python3 -m pip install nbconvert nbclient jupyter_client ipykernel$([ "$want_server" = 1 ] && echo " notebook")
MSG
    exit 1
  fi
fi

# Register tslab under .jupyter/share/jupyter/kernels/tslab (JUPYTER_PATH=.jupyter/share/jupyter).
kernel="$root/.jupyter/share/jupyter/kernels/tslab/kernel.json"
mkdir -p "$root/.jupyter"
echo "$python" > "$root/.jupyter/python"
if [ ! -f "$kernel" ]; then
  "$root/node_modules/.bin/tslab" install --python="$python" --prefix="$root/.jupyter" >/dev/null
  echo "setup-jupyter: registered the tslab kernel in .jupyter/"
fi
