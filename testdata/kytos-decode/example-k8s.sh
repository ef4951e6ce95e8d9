# The man page's example: bind the bundled cluster's pending pod.
kytos-qubo -m placement ../../examples/cluster.json |
	kytos-anneal -s 1 | kytos-decode -f k8s ../../examples/cluster.json
