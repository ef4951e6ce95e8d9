# A sample made from another cluster is refused.
kytos-qubo -m autoscale ../kytos-qubo/autoscale-tight.json |
	kytos-anneal -r 1 -s 1 | kytos-decode ../kytos-qubo/autoscale-ample.json
