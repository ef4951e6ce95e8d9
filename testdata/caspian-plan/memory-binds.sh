# Two 6 GB jobs, 8 GB per slot: they cannot overlap, so one waits in A.
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan - >memory-binds.tmp
s=$?
jq 'del(.stats.seconds)' memory-binds.tmp
rm -f memory-binds.tmp
echo "exit $s"
