# The job ran in B; moving to A saves 12 g and costs 1 + 2 g: it moves.
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan - >migrate-cheap.tmp
s=$?
jq 'del(.stats.seconds)' migrate-cheap.tmp
rm -f migrate-cheap.tmp
echo "exit $s"
