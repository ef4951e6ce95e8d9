# A sample of a different size is refused.
c=../kytos-qubo/autoscale-tight.json
kytos-qubo -m autoscale $c | kytos-anneal -r 1 -s 1 |
	jq '.num_variables = 8' | kytos-decode $c
