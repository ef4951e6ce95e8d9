# The exported models, re-read by the lp_solve CLI, have the plan's
# objective (the MPS file is a minimisation with cleaned names).
t=${TMPDIR:-/tmp}/caspian-export.$$
caspian-plan --lp $t.lp --mps $t.mps synthetic.json | jq .objective
lp_solve -S3 $t.lp | grep '^Value of objective function'
lp_solve -S3 -fmps $t.mps | grep '^Value of objective function'
grep -c 'x_job_0_JP_0' $t.mps
rm -f $t.lp $t.mps
