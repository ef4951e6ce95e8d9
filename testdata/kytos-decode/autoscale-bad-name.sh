# A variable named otherwise than this cluster's model is refused.
c=../kytos-qubo/autoscale-tight.json
kytos-qubo -m autoscale $c | kytos-anneal -r 1 -s 1 |
	jq '.names[0] = "replicas shop/web 9"' | kytos-decode $c
