# QUBO input: the example placement QUBO, whose optimum is -4; names and
# kytos metadata pass through.
kytos-milp ../../examples/small.qubo | jq 'del(.stats.seconds)'
