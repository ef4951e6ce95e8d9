# --start: x in UTC seconds (slot 0 at 2023-06-01T00:00Z, hourly slots), the
# same plan as script.sh; epoch and ISO spellings agree.
PATH=../../scripts:$PATH
caspian-chart --start 2023-06-01T00:00Z --gnuplot plan.json input.json >a.tmp
caspian-chart --start 1685577600 --gnuplot plan.json input.json >b.tmp
cmp a.tmp b.tmp && echo "same script"
grep -E '^(set (xdata|xrange|xlabel)|[0-9]{10} )' a.tmp
rm -f a.tmp b.tmp
