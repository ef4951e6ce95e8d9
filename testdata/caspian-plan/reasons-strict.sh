# --strict: the same input is Infeasible (exit 4 with -e), reasons listed.
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan -e --strict >reasons-strict.tmp
s=$?
jq 'del(.stats.seconds)' reasons-strict.tmp
rm -f reasons-strict.tmp
echo "exit $s"
