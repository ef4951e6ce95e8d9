# Two 1-GPU jobs, 1 GPU per slot: the second goes to the dirtier region B.
# stats.seconds is a timing: dropped; the exit status is printed.
caspian-plan - >gpu-binds.tmp
s=$?
jq 'del(.stats.seconds)' gpu-binds.tmp
rm -f gpu-binds.tmp
echo "exit $s"
