# man page EXAMPLES: the header line of a placement QUBO over the demo cluster
kytos-qubo -m placement --candidates 3 -w latency=10 ../../examples/cluster.json |
	sed -n '/^p /p'
