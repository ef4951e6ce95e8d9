# The tiny cluster of kytos-qubo's tests, balanced exactly: job (pending)
# joins web-1 on a and web-2 moves to b, as the annealer finds.
kytos-milp -m rebalance tiny.json | jq 'del(.stats.seconds)'
