# Moving is free but migration_allow is false: it stays in B.
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan - >migrate-forbidden.tmp
s=$?
jq 'del(.stats.seconds)' migrate-forbidden.tmp
rm -f migrate-forbidden.tmp
echo "exit $s"
