# --mps writes free MPS as a minimisation (a maximisation negated), with
# names reduced to [A-Za-z0-9_] (pod "web-1" becomes "web_1"): lp_solve reads
# it back to the same value.
t=$(mktemp -d)
kytos-milp -m rebalance tiny.json --mps $t/m.mps | jq .energy
lp_solve -S3 -fmps $t/m.mps | sed -n 's/^Value of objective function: *//p'
kytos-milp -x --mps $t/q.mps $SHARED/qubo/bqp50_2.qubo | jq .energy
lp_solve -S3 -fmps $t/q.mps | sed -n 's/^Value of objective function: *//p'
# Row and column names: how many have a character outside [A-Za-z0-9_].
awk '/^[A-Z]/ { sec = $1; next }
	sec == "ROWS" { print $2 }
	sec == "COLUMNS" && $2 != "\047MARKER\047" { print $1; print $2 }' \
	$t/m.mps | grep -c '[^A-Za-z0-9_]'
rm -r $t
