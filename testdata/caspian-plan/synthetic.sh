# The original's own synthetic example (three jobs, KR/JP/US, H = 8): all
# three fit together in JP, the cleanest region, at slots 0-1.
caspian-plan synthetic.json | jq 'del(.stats.seconds)'
