# The real 2023 series of the four zones: 48 hourly slots from June 1st,
# checked against the rows of the files themselves.
d=$SHARED/carbon
caspian-carbon -r JP=JP-TK -r US=US-CAL-CISO -r EU=DE \
    --start 2023-06-01T00:00Z --slots 48 \
    $d/KR_2023_hourly.csv $d/JP-TK_2023_hourly.csv \
    $d/US-CAL-CISO_2023_hourly.csv $d/DE-LU_2023_hourly.csv >out.tmp || exit 1
jq -r '.carbons | group_by(.region)[] | "\(.[0].region) \(length) \(map(.ci_gco2_per_kwh) | add / length | . * 100 | round / 100)"' out.tmp
# The same hours straight from the CSV, by awk.
for z in KR JP-TK US-CAL-CISO DE-LU; do
	awk -F, -v z=$z '$1 >= "2023-06-01 00" && $1 < "2023-06-03 00" { s += $5; n++ }
	    END { printf "%s %d %.2f\n", z, n, int(s / n * 100 + 0.5) / 100 }' \
	    $d/${z}_2023_hourly.csv
done
# Daily averages (86400 s slots) equal the mean of the hourly slots.
caspian-carbon -r JP=JP-TK --start 2023-06-01T00:00Z --slots 2 \
    --slot-seconds 86400 $d/JP-TK_2023_hourly.csv |
    jq -c '[.carbons[].ci_gco2_per_kwh | . * 1000 | round / 1000]'
jq -c '[.carbons | map(select(.region == "JP")) | _nwise(24) |
    map(.ci_gco2_per_kwh) | add / 24 | . * 1000 | round / 1000]' out.tmp
# The end of the data is an error naming the zone and the hour.
caspian-carbon --start 2023-12-31T20:00Z --slots 6 $d/KR_2023_hourly.csv
echo "exit $?"
rm -f out.tmp
