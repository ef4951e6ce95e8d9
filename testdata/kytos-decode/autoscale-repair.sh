# A sample that breaks the rules is repaired and says so: several counts
# for web (it takes its lowest, 3), then api at 5 is over the margin and
# is cut back, one replica at a time, until it fits: 3.
c=../kytos-qubo/autoscale-tight.json
kytos-qubo -m autoscale $c | kytos-anneal -r 1 -s 1 |
	jq '.ones = [0, 1, 7] | del(.names)' | kytos-decode $c |
	jq -c '.feasible, .repairs[], (.scaling[] | [.service, .recommended])'
