#!/bin/sh
# The proxy image's entrypoint: runs the engine the Deployment names (builtin or pgpool2) from the ConfigMap
# volume, answers a new version of that volume or of the TLS Secrets' volume with SIGHUP (kubelet swaps them in
# through their ..data links; nothing else would tell the proxy), and passes SIGTERM on, so the proxy drains its
# transactions before it exits.
# Pgpool-II needs pool_passwd and pcp.conf with the passwords: written here, in the pod's own run directory, from the
# Secret-backed variables that passwords.env names; they never exist outside the pod.
set -eu

engine="${1:-builtin}"
config="${PGTOPO_CONFIG_DIR:-/etc/pgtopo}"
run="${PGTOPO_RUN_DIR:-/run/pgtopo}"
tls="${PGTOPO_TLS_DIR:-/etc/pgtopo-tls}"
poll="${PGTOPO_CONFIG_POLL_SECONDS:-5}"
newline='
'

fail() {
  echo "pgtopo entrypoint: $*" >&2
  exit 1
}

# Pgpool-II reads a pool_passwd line as `user:password`, a backslash escaping the next character, and keeps at
# most 124 bytes of a TEXT password (proxy/pgpool2/render-pool-passwd.ts says the same for local and EC2).
pool_passwd_secret() {
  case "$2" in
    *"$newline"*) fail "the password of $1 holds a line break, which pool_passwd cannot hold" ;;
  esac
  [ "$(printf '%s' "$2" | wc -c)" -le 124 ] || fail "Pgpool-II reads at most 124 bytes of a password from pool_passwd; the password of $1 is longer"
  printf 'TEXT%s' "$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')"
}

write_pgpool_passwords() {
  umask 077
  : > "$run/pool_passwd"
  : > "$run/pcp.conf"
  while read -r user variable role; do
    password=$(printenv "$variable") || fail "$variable, the password of $user, is not set"
    secret=$(pool_passwd_secret "$user" "$password")
    printf '%s:%s\n' "$user" "$secret" >> "$run/pool_passwd"
    if [ "$role" = admin ]; then
      printf '%s:%s\n' "$user" "$(printf '%s' "$password" | md5sum | cut -d ' ' -f 1)" >> "$run/pcp.conf"
    fi
  done < "$config/passwords.env"
}

case "$engine" in
  builtin) set -- pgtopo proxy --config "$config/proxy.yaml" ;;
  pgpool2)
    write_pgpool_passwords
    set -- pgpool -n -D -f "$config/pgpool.conf" -a "$config/pool_hba.conf" -F "$run/pcp.conf"
    ;;
  *) fail "unknown engine \"$engine\" (builtin or pgpool2)" ;;
esac

# The version kubelet last swapped into a volume (empty for a directory that is no such volume).
volume_version() {
  readlink "$1/..data" 2>/dev/null || true
}

# Sends SIGHUP to the proxy whenever kubelet has swapped in a new version of the ConfigMap volume or of the TLS
# Secrets (a renewed certificate). Pgpool-II reads its TLS files only at start, so for it a renewal is only logged.
watch_volumes() {
  config_version=$(volume_version "$config")
  tls_version=$(volume_version "$tls")
  while kill -0 "$1" 2>/dev/null; do
    sleep "$poll"
    current=$(volume_version "$config")
    if [ "$current" != "$config_version" ]; then
      config_version=$current
      kill -HUP "$1" 2>/dev/null || true
    fi
    current=$(volume_version "$tls")
    if [ "$current" != "$tls_version" ]; then
      tls_version=$current
      if [ "$engine" = pgpool2 ]; then
        echo "pgtopo entrypoint: the TLS Secrets changed; Pgpool-II reads them only at start: restart the pods (kubectl rollout restart)" >&2
      else
        kill -HUP "$1" 2>/dev/null || true
      fi
    fi
  done
}

"$@" &
child=$!
stopping=''
trap 'stopping=yes; kill -TERM "$child" 2>/dev/null || true' TERM INT
watch_volumes "$child" &
watcher=$!
status=0
wait "$child" || status=$?
# SIGTERM interrupts the wait: wait again while the proxy drains, for its own exit status.
if [ -n "$stopping" ]; then
  status=0
  wait "$child" || status=$?
fi
kill "$watcher" 2>/dev/null || true
exit "$status"
