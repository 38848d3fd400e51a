#!/bin/sh
# The proxy image's entrypoint: runs the engine the Deployment names (builtin or pgpool2) from the ConfigMap
# volume, tells the proxy when kubelet swaps in a new version of that volume or of the Secrets volume (through their
# ..data links; nothing else would tell it), and passes SIGTERM on, so the proxy drains its transactions before it
# exits. The builtin proxy re-reads its config, passwords and TLS files on SIGHUP.
# Pgpool-II needs pool_passwd and pcp.conf with the passwords: written here, in the pod's own run directory, from the
# Secret files that passwords.list names (again when a Secret changes, then a reload); they never exist outside the
# pod. Pgpool-II reads its TLS files only at start.
set -eu

engine="${1:-builtin}"
config="${PGTOPO_CONFIG_DIR:-/etc/pgtopo}"
run="${PGTOPO_RUN_DIR:-/run/pgtopo}"
secrets="${PGTOPO_SECRETS_DIR:-/etc/pgtopo-secrets}"
poll="${PGTOPO_CONFIG_POLL_SECONDS:-5}"
newline='
'
cr=$(printf '\r')

say() {
  echo "pgtopo entrypoint: $*" >&2
}

fail() {
  say "$@"
  exit 1
}

# Sets `password` to the file's content minus one trailing line ending, as the proxy reads a secret file
# (proxy/config/secret-file.ts), so both engines log in with the same password.
read_password() {
  password=$(cat "$2" && printf x) || { say "cannot read $2, the password of $1"; return 1; }
  password=${password%x}
  case "$password" in
    *"$newline") password=${password%"$newline"}; password=${password%"$cr"} ;;
  esac
}

# Pgpool-II reads a pool_passwd line as `user:password`, a backslash escaping the next character, and keeps at
# most 124 bytes of a TEXT password (proxy/pgpool2/render-pool-passwd.ts says the same for local and EC2).
pool_passwd_secret() {
  case "$2" in
    *"$newline"*) say "the password of $1 holds a line break, which pool_passwd cannot hold"; return 1 ;;
  esac
  if [ "$(printf '%s' "$2" | wc -c)" -gt 124 ]; then
    say "Pgpool-II reads at most 124 bytes of a password from pool_passwd; the password of $1 is longer"
    return 1
  fi
  printf 'TEXT%s' "$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')"
}

# Both files are written beside the old ones and renamed over them, so Pgpool-II never reads half of one.
write_pgpool_passwords() {
  umask 077
  : > "$run/pool_passwd.new"
  : > "$run/pcp.conf.new"
  while read -r user file role; do
    read_password "$user" "$file" || return 1
    secret=$(pool_passwd_secret "$user" "$password") || return 1
    printf '%s:%s\n' "$user" "$secret" >> "$run/pool_passwd.new"
    if [ "$role" = admin ]; then
      printf '%s:%s\n' "$user" "$(printf '%s' "$password" | md5sum | cut -d ' ' -f 1)" >> "$run/pcp.conf.new"
    fi
  done < "$config/passwords.list"
  mv "$run/pool_passwd.new" "$run/pool_passwd"
  mv "$run/pcp.conf.new" "$run/pcp.conf"
}

# A digest of the Secrets volume's files that hold no password: Pgpool-II's TLS files.
tls_digest() {
  for file in "$secrets"/*/*; do
    [ -f "$file" ] || continue
    grep -q " $file " "$config/passwords.list" || md5sum < "$file"
  done | md5sum
}

case "$engine" in
  builtin) set -- pgtopo proxy --config "$config/proxy.yaml" ;;
  pgpool2)
    write_pgpool_passwords || exit 1
    set -- pgpool -n -D -f "$config/pgpool.conf" -a "$config/pool_hba.conf" -F "$run/pcp.conf"
    ;;
  *) fail "unknown engine \"$engine\" (builtin or pgpool2)" ;;
esac

# The version kubelet last swapped into a volume (empty for a directory that is no such volume).
volume_version() {
  readlink "$1/..data" 2>/dev/null || true
}

# A Secret changed (a rotated password, a renewed certificate). A failed rewrite keeps the files Pgpool-II has.
secrets_changed() {
  if [ "$engine" = builtin ]; then
    kill -HUP "$1" 2>/dev/null || true
    return
  fi
  if write_pgpool_passwords; then
    kill -HUP "$1" 2>/dev/null || true
  else
    say "kept the previous pool_passwd and pcp.conf"
  fi
  current=$(tls_digest)
  if [ "$current" != "$tls" ]; then
    tls=$current
    say "the TLS files changed; Pgpool-II reads them only at start: restart the pods (kubectl rollout restart)"
  fi
}

watch_volumes() {
  config_version=$(volume_version "$config")
  secrets_version=$(volume_version "$secrets")
  if [ "$engine" = pgpool2 ]; then tls=$(tls_digest); fi
  while kill -0 "$1" 2>/dev/null; do
    sleep "$poll"
    current=$(volume_version "$config")
    if [ "$current" != "$config_version" ]; then
      config_version=$current
      kill -HUP "$1" 2>/dev/null || true
    fi
    current=$(volume_version "$secrets")
    if [ "$current" != "$secrets_version" ]; then
      secrets_version=$current
      secrets_changed "$1"
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
