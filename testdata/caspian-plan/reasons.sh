# Every reason: j2 window, j3 affinity (names no known region), j4 too_large,
# j9 migration (its region B has no CPU, migration not allowed), and the
# 4-CPU jobs compete for region A: two of them and j1 are left out (capacity).
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan -e >reasons.tmp
s=$?
jq 'del(.stats.seconds)' reasons.tmp
rm -f reasons.tmp
echo "exit $s"
