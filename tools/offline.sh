#!/usr/bin/env bash
# Run a command with the network off: in a private network namespace with only loopback
# (unshare -n, when this machine allows it), else with a Python-level guard that refuses
# every non-loopback connection in this process and every Python child (kernels included).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ "${DMNLAB_ONLINE:-0}" == "1" ]]; then exec "$@"; fi
if unshare -n true 2>/dev/null; then
  export DMNLAB_OFFLINE=netns
  exec unshare -n bash -c 'ip link set lo up 2>/dev/null || true; exec "$@"' offline "$@"
fi
echo "offline.sh: no network namespace here; using the Python socket guard instead" >&2
export DMNLAB_OFFLINE=guard
export PYTHONPATH="$here/netguard${PYTHONPATH:+:$PYTHONPATH}"
exec "$@"
