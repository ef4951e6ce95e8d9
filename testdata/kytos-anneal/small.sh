# The bundled example (man page EXAMPLES): names, onehot groups, kytos meta.
kytos-anneal ../../examples/small.qubo | jq 'del(.stats.seconds, .stats.threads)'
