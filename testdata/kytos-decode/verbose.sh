# -v: a summary line on stderr; stdout unchanged.
kytos-decode -v tiny.json none.in | jq -c '.moves'
