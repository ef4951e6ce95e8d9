# The dead node's pods: hi (priority 3) and one low pod are re-placed, the
# other low pod is dropped for lack of room.
kytos-milp -m recovery recovery.json | jq 'del(.stats.seconds)'
