# One pending pod that talks to db (zone za) and wants image big:1 (on a).
kytos-milp -m placement placement.json | jq 'del(.stats.seconds)'
