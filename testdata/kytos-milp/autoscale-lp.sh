# The exported LP model reads back in lp_solve's CLI with the same optimum
# (the objective's constant is part of the model).
t=$(mktemp)
kytos-milp -m autoscale --lp "$t" ../kytos-qubo/autoscale-tight.json |
	jq '.energy'
lp_solve -S3 "$t" | grep '^Value of objective function'
rm -f "$t"
