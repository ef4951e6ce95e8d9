# Two pending pods that fit the one node alone but not together.
kytos-milp -m placement infeasible.json | jq 'del(.stats.seconds)'
