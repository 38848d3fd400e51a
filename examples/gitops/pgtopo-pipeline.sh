#!/bin/sh
# The GitOps pipeline of pgtopo for any CI system, as two steps (the GitHub Actions workflow beside it runs them):
#
#   pgtopo-pipeline.sh plan    on a pull request: saves the plan ($PGTOPO_PLAN_DIR/plan.bin), writes it as markdown
#                              for a PR comment (plan.md) and records what it was made from (source)
#   pgtopo-pipeline.sh apply   after the merge, on main: applies exactly that saved plan, or refuses it when main
#                              moved on since it was made; then writes what clients connect to (outputs.json)
#
# Keep $PGTOPO_PLAN_DIR between the two (a CI artifact). A plan is refused at apply when the topology's directory
# at HEAD is not the tree it was planned from (another change reached main first; give the topology a directory of
# its own, so that only changes to it count), and pgtopo itself refuses it when the topology file or the state
# (lineage, serial) changed since. Then plan the pull request again.
#
# Environment: PGTOPO_TOPOLOGY (default pgtopo.yaml), PGTOPO_PLAN_DIR (default pgtopo-plan), PGTOPO (the command,
# default pgtopo), plus whatever the topology needs (AWS credentials, secrets named by fromEnv).
set -eu

topology=${PGTOPO_TOPOLOGY:-pgtopo.yaml}
plan_dir=${PGTOPO_PLAN_DIR:-pgtopo-plan}
pgtopo=${PGTOPO:-pgtopo}
# GitHub refuses comments over 65536 characters; a plan that long is cut, and the saved plan still holds it all.
comment_limit=60000

fail() {
  printf 'pgtopo-pipeline: %s\n' "$1" >&2
  exit 1
}

# The git tree of the topology's directory at HEAD: what the plan depends on (the file and files it names).
topology_tree() {
  (cd "$(dirname "$topology")" && git rev-parse 'HEAD:./') || fail "cannot read the git tree of $(dirname "$topology") at HEAD"
}

plan() {
  mkdir -p "$plan_dir"
  # shellcheck disable=SC2086 # $pgtopo may be a command with arguments (npx pgtopo)
  $pgtopo plan "$topology" --format markdown --out "$plan_dir/plan.bin" > "$plan_dir/plan.full.md"
  commit=$(git rev-parse HEAD)
  tree=$(topology_tree)
  printf 'commit %s\ntree %s\n' "$commit" "$tree" > "$plan_dir/source"
  {
    head -c "$comment_limit" "$plan_dir/plan.full.md"
    if [ "$(wc -c < "$plan_dir/plan.full.md")" -gt "$comment_limit" ]; then
      printf "\n\n… (cut: the full plan is plan.full.md in the pipeline artifact)\n"
    fi
    printf '\n---\nPlanned from %s. On merge, exactly this plan is applied, unless main moved on first.\n' "$commit"
  } > "$plan_dir/plan.md"
}

apply() {
  if [ ! -f "$plan_dir/plan.bin" ] || [ ! -f "$plan_dir/source" ]; then
    fail "no saved plan in $plan_dir: run '$0 plan' on the pull request and keep $plan_dir"
  fi
  planned=$(sed -n 's/^tree //p' "$plan_dir/source")
  current=$(topology_tree)
  if [ "$planned" != "$current" ]; then
    fail "the saved plan is stale: it was planned from tree $planned of $(dirname "$topology"), and HEAD has $current (main moved on). Plan the pull request again."
  fi
  # shellcheck disable=SC2086 # as above
  $pgtopo apply "$plan_dir/plan.bin"
  # What clients connect to, for a deploy step after this one (keep it with the artifact).
  # shellcheck disable=SC2086 # as above
  $pgtopo output "$topology" --json > "$plan_dir/outputs.json"
}

case "${1:-}" in
  plan) plan ;;
  apply) apply ;;
  *) fail "usage: $0 plan|apply" ;;
esac
