# The job ran in B; moving to A saves 12 g but costs 100 + 10 g: it stays.
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan - >migrate-moves.tmp
s=$?
jq 'del(.stats.seconds)' migrate-moves.tmp
rm -f migrate-moves.tmp
echo "exit $s"
