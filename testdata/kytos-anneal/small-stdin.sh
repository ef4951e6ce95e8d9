# The same from stdin, five reads of one sweep: local optima counted apart.
kytos-anneal -r 5 -n 1 -k 3 <../../examples/small.qubo | jq -c 'del(.stats)'
