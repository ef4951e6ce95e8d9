# "-" reads stdin; messages name it <stdin>.
caspian-carbon --start 2023-06-01T00:00Z --slots 2 - <kr.csv | jq -c '.carbons[]'
sed 4d kr.csv | caspian-carbon --start 2023-06-01T00:00Z --slots 4 - 2>&1 >/dev/null
